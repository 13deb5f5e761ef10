/// Sends the change through a configured alert destination (``Notifier/sendChange(_:to:logger:)``): Slack, DingTalk,
/// a webhook, the console.
public struct DestinationChangeHandler: ChangeHandler {
    public let name: String
    private let notifier: any Notifier
    private let target: DeliveryTarget

    public init(notifier: any Notifier, target: DeliveryTarget = DeliveryTarget()) {
        self.name = "destination \(notifier.name)"
        self.notifier = notifier
        self.target = target
    }

    public func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        _ = try await notifier.sendChange(change, to: target, logger: context.logger)
        return .continue
    }
}
