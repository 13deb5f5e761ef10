import KubeJSON
import Logging

/// What a handler may need beyond the change itself.
public struct ChangeContext: Sendable {
    /// The stored baseline (normalised) the change was diffed against; nil for a new object.
    public var old: JSONValue?
    /// The object as the server sent it; nil for a deletion.
    public var new: JSONValue?
    /// The resource's diff policy.
    public var policy: DiffPolicy
    public var differ: any ManifestDiffing
    /// 1 for the first run of the chain for this change, then 2, 3, ...
    public var attempt: Int
    public var logger: Logger

    public init(
        old: JSONValue?, new: JSONValue?, policy: DiffPolicy, differ: any ManifestDiffing, attempt: Int = 1,
        logger: Logger = Logger(label: "muninn.changes")
    ) {
        self.old = old
        self.new = new
        self.policy = policy
        self.differ = differ
        self.attempt = attempt
        self.logger = logger
    }
}
