import Foundation

/// What a destination is asked to tell people: one incident, already enriched, independent of how
/// any chat app lays it out. Every string in it may come from the cluster and is hostile until a
/// destination has escaped it for its own markup.
public struct Alert: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A container terminated with a failure (non-zero exit, OOMKilled, StartError, ...).
        case crashed
        /// A container cannot start (ErrImagePull, CreateContainerConfigError, CrashLoopBackOff, ...).
        case cannotStart
        /// A pod has not been Ready for longer than the configured threshold.
        case notReady
        /// The kubelet evicted the pod.
        case evicted
        /// The pod failed as a whole (phase Failed).
        case failed
        /// A container or pod that was failing is healthy again.
        case recovered
    }

    /// The owning workload, resolved through owner references (ReplicaSet -> Deployment, Job -> CronJob).
    public struct Workload: Sendable, Hashable, Codable {
        public var kind: String
        public var name: String
        public init(kind: String, name: String) {
            self.kind = kind
            self.name = name
        }
    }

    /// Stable identity of the incident (pod UID + container + terminated instance): destinations
    /// use it for de-duplication keys (PagerDuty dedup_key, webhook idempotency).
    public var id: String
    public var kind: Kind
    public var cluster: String
    public var namespace: String
    public var pod: String
    public var container: String?
    public var node: String?
    public var workload: Workload?
    public var image: String?
    /// `OOMKilled`, `Error`, `ImagePullBackOff`, `Evicted`, ...
    public var reason: String?
    public var exitCode: Int?
    public var signal: Int?
    /// Plain words for the exit code, e.g. "killed by SIGKILL (often the OOM killer)".
    public var exitCodeMeaning: String?
    public var message: String?
    public var restartCount: Int?
    /// How many restarts this alert covers when the restart count jumped (5 -> 8 is 3).
    public var restartsSeen: Int?
    public var occurredAt: Date
    /// The log lines captured before the crash, already trimmed to the configured cap.
    public var logs: String?
    /// Why `logs` is missing, when it is (pod gone, previous container garbage-collected, timeout).
    public var logsUnavailableReason: String?
    /// Recent Events of the pod, one line each (`BackOff: Back-off restarting failed container ...`).
    public var events: [String]
    /// Happened while Muninn was not running; reported once, later than it happened.
    public var seenLate: Bool
    /// The workload's manifest changed shortly before this crash (the change watch's record of it).
    public var precedingChange: PrecedingChange?
    /// When the terminated container instance started, for terminations (its `startedAt`).
    public var startedAt: Date? = nil
    /// The runtime's ID of the terminated container instance (`containerd://…`), for terminations.
    public var containerID: String? = nil

    public init(
        id: String, kind: Kind, cluster: String, namespace: String, pod: String, container: String? = nil, node: String? = nil,
        workload: Workload? = nil, image: String? = nil, reason: String? = nil, exitCode: Int? = nil, signal: Int? = nil,
        exitCodeMeaning: String? = nil, message: String? = nil, restartCount: Int? = nil, restartsSeen: Int? = nil,
        occurredAt: Date, logs: String? = nil, logsUnavailableReason: String? = nil, events: [String] = [], seenLate: Bool = false,
        precedingChange: PrecedingChange? = nil
    ) {
        self.id = id
        self.kind = kind
        self.cluster = cluster
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.node = node
        self.workload = workload
        self.image = image
        self.reason = reason
        self.exitCode = exitCode
        self.signal = signal
        self.exitCodeMeaning = exitCodeMeaning
        self.message = message
        self.restartCount = restartCount
        self.restartsSeen = restartsSeen
        self.occurredAt = occurredAt
        self.logs = logs
        self.logsUnavailableReason = logsUnavailableReason
        self.events = events
        self.seenLate = seenLate
        self.precedingChange = precedingChange
    }
}
