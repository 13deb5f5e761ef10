import Foundation

/// How one attempt at a delivery went, as the delivery stage records it (`OutboxStore.recordAttempts`).
public struct DeliveryAttempt: Sendable, Equatable {
    public var delivery: PendingDelivery.ID
    public var outcome: DeliveryOutcome
    /// When the attempt ended.
    public var at: Date

    public init(delivery: PendingDelivery.ID, outcome: DeliveryOutcome, at: Date) {
        self.delivery = delivery
        self.outcome = outcome
        self.at = at
    }
}
