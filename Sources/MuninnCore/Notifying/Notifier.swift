import Logging

/// A destination that can deliver an alert: Slack, DingTalk, a webhook, the console, ...
///
/// `send` makes one attempt and reports how it went; retrying, pacing and ordering belong to the
/// delivery outbox, which decides from the error's classification and honours ``pacing``.
public protocol Notifier: Sendable {
    /// The configured instance name, used in routing rules and metrics (`slack-ops`).
    var name: String { get }

    /// How far apart the delivery stage should space messages to this destination.
    var pacing: DeliveryPacing { get }

    /// Whether the destination takes a request repeated for the same alert as the same message (an idempotency key:
    /// a webhook's `webhook-id`, PagerDuty's `dedup_key`, an Elasticsearch `_id`). Only then does the delivery stage
    /// send a lane's next alert before the previous one's outcome is on disk, since a crash in that moment sends
    /// those alerts again.
    var recognisesRepeatedRequests: Bool { get }

    /// Delivers `alert` to `target`: its channel (ignored by destinations without channels) and,
    /// for a repeat of an earlier alert, the parent message to reply under (destinations without
    /// threads send a full message that says it is a repeat).
    /// - Throws: ``NotifierError``.
    func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt

    /// Delivers a manifest change (the change watch's `destination` handler) to `target`, in one attempt. Destinations
    /// that cannot show changes keep the default, which fails permanently.
    /// - Throws: ``NotifierError``.
    func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt
}

extension Notifier {
    /// Unpaced unless the destination says otherwise.
    public var pacing: DeliveryPacing { .unpaced }

    /// Chat apps show a repeated request as a second message.
    public var recognisesRepeatedRequests: Bool { false }
}
