import Logging

extension Notifier {
    /// Destinations without a change message: the chain fails for good, naming the destination.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        throw .permanent(reason: "destination \(name) cannot send changes")
    }
}
