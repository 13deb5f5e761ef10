import Foundation

/// One delivery of an incident to one lane, and how it went.
public struct DeliveryRecord: Sendable, Hashable, Identifiable {
    public enum Status: String, Sendable, Hashable, CaseIterable {
        case pending, delivered, failed
    }

    public var id: Int64
    public var lane: DeliveryLane
    public var threadKey: String?
    public var status: Status
    public var attempts: Int
    public var queuedAt: Date
    /// When a pending delivery is next tried.
    public var nextAttemptAt: Date
    public var lastAttemptAt: Date?
    public var lastError: String?
    public var deliveredAt: Date?
    /// The destination's id of the message (Slack `ts`).
    public var messageID: String?

    public init(
        id: Int64, lane: DeliveryLane, threadKey: String? = nil, status: Status, attempts: Int, queuedAt: Date, nextAttemptAt: Date,
        lastAttemptAt: Date? = nil, lastError: String? = nil, deliveredAt: Date? = nil, messageID: String? = nil
    ) {
        self.id = id
        self.lane = lane
        self.threadKey = threadKey
        self.status = status
        self.attempts = attempts
        self.queuedAt = queuedAt
        self.nextAttemptAt = nextAttemptAt
        self.lastAttemptAt = lastAttemptAt
        self.lastError = lastError
        self.deliveredAt = deliveredAt
        self.messageID = messageID
    }
}
