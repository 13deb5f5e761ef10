/// kwatchman's `ignoreEvents`: stops the chain for the listed actions (handlers before it, such as `log`, still ran).
public struct IgnoreEventsChangeHandler: ChangeHandler {
    public let name = "ignoreEvents"
    public var ignored: Set<ChangeAction>

    public init(_ ignored: Set<ChangeAction>) {
        self.ignored = ignored
    }

    public func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        ignored.contains(change.action) ? .stop : .continue
    }
}
