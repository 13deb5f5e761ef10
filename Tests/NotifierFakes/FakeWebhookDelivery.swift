import KubeJSON

/// A webhook request the receiver accepted (valid signature, fresh timestamp, new `webhook-id`).
public struct FakeWebhookDelivery: Sendable {
    /// `webhook-id`, the idempotency key.
    public var id: String?
    public var payload: JSONValue
    public var request: RecordedRequest
}
