import Foundation
import KubeAPI

/// One failure (or, optionally, one recovery) worth telling a human about, as concluded by `CrashDetector`.
///
/// A value with everything the detector knows from pod status; enrichment (logs, events, node conditions,
/// owning workload) happens later, off the watch loop. Fields that do not apply to a kind are `nil`.
public struct Incident: Sendable, Hashable, Codable {
    public var kind: Kind
    public var namespace: String
    public var podName: String
    public var podUID: String
    public var node: String?
    /// The controlling owner (`controller: true`), else the first owner reference.
    public var owner: OwnerReference?
    public var container: String?
    public var role: Role?
    public var image: String?
    /// Termination reason (`OOMKilled`, `Error`, …), waiting reason, pod-level reason or Ready condition reason.
    public var reason: String?
    public var message: String?
    public var exitCode: Int?
    public var signal: Int?
    public var startedAt: Date?
    public var finishedAt: Date?
    /// The container's `restartCount` in the status that revealed the incident.
    public var restartCount: Int?
    /// Terminations this incident stands for: 1 normally, more when the restart count jumped (5 -> 8 = 3)
    /// because Muninn was down, the watch was re-listed, or updates were coalesced.
    public var restartsSeen: Int?
    /// The container ID of the terminated instance.
    public var containerID: String?
    /// For terminations: the instance was `state.terminated` (the container's current instance, not restarted yet)
    /// rather than `lastState.terminated` (already replaced). Decides which instance's log to read.
    public var terminatedInstanceIsCurrent: Bool?
    /// For `notReady`/`readyAgain`: when the pod stopped being Ready.
    public var notReadySince: Date?
    /// Stable across status updates, Muninn restarts and relists: the de-duplication key downstream.
    /// Terminations: `<pod UID>/<container>/<instance>` where instance is the terminated container's ID,
    /// else its finishedAt, else `attempt-<n>`. Other kinds: `<pod UID>[/<container>]/<kind>:<episode>`.
    public var identity: String
    /// True when the incident happened while Muninn was not watching (found in the first list after a restart
    /// from saved state, or an existing problem reported because of `reportExistingOnStart`).
    public var seenLate: Bool
    /// The `now` passed to the call that produced the incident.
    public var observedAt: Date
    /// The pod's labels, for routing rules.
    public var labels: [String: String]
    /// The pod's annotations (routing opt-outs and channels), without kubectl's last-applied copy of the manifest.
    public var annotations: [String: String]

    public init(
        kind: Kind, namespace: String, podName: String, podUID: String, node: String? = nil, owner: OwnerReference? = nil,
        container: String? = nil, role: Role? = nil, image: String? = nil, reason: String? = nil, message: String? = nil,
        exitCode: Int? = nil, signal: Int? = nil, startedAt: Date? = nil, finishedAt: Date? = nil, restartCount: Int? = nil,
        restartsSeen: Int? = nil, containerID: String? = nil, notReadySince: Date? = nil, identity: String, seenLate: Bool = false,
        observedAt: Date, labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
        self.kind = kind
        self.namespace = namespace
        self.podName = podName
        self.podUID = podUID
        self.node = node
        self.owner = owner
        self.container = container
        self.role = role
        self.image = image
        self.reason = reason
        self.message = message
        self.exitCode = exitCode
        self.signal = signal
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.restartCount = restartCount
        self.restartsSeen = restartsSeen
        self.containerID = containerID
        self.notReadySince = notReadySince
        self.identity = identity
        self.seenLate = seenLate
        self.observedAt = observedAt
        self.labels = labels
        self.annotations = annotations
    }

    private enum CodingKeys: String, CodingKey {
        case kind, namespace, podName, podUID, node, owner, container, role, image, reason, message, exitCode, signal
        case startedAt, finishedAt, restartCount, restartsSeen, containerID, terminatedInstanceIsCurrent, notReadySince, identity, seenLate, observedAt
        case labels, annotations
    }

    /// Lenient about the routing maps so incidents queued by an older Muninn still decode.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        namespace = try c.decode(String.self, forKey: .namespace)
        podName = try c.decode(String.self, forKey: .podName)
        podUID = try c.decode(String.self, forKey: .podUID)
        node = try c.decodeIfPresent(String.self, forKey: .node)
        owner = try c.decodeIfPresent(OwnerReference.self, forKey: .owner)
        container = try c.decodeIfPresent(String.self, forKey: .container)
        role = try c.decodeIfPresent(Role.self, forKey: .role)
        image = try c.decodeIfPresent(String.self, forKey: .image)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        exitCode = try c.decodeIfPresent(Int.self, forKey: .exitCode)
        signal = try c.decodeIfPresent(Int.self, forKey: .signal)
        startedAt = try c.decodeIfPresent(Date.self, forKey: .startedAt)
        finishedAt = try c.decodeIfPresent(Date.self, forKey: .finishedAt)
        restartCount = try c.decodeIfPresent(Int.self, forKey: .restartCount)
        restartsSeen = try c.decodeIfPresent(Int.self, forKey: .restartsSeen)
        containerID = try c.decodeIfPresent(String.self, forKey: .containerID)
        terminatedInstanceIsCurrent = try c.decodeIfPresent(Bool.self, forKey: .terminatedInstanceIsCurrent)
        notReadySince = try c.decodeIfPresent(Date.self, forKey: .notReadySince)
        identity = try c.decode(String.self, forKey: .identity)
        seenLate = try c.decodeIfPresent(Bool.self, forKey: .seenLate) ?? false
        observedAt = try c.decode(Date.self, forKey: .observedAt)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels) ?? [:]
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations) ?? [:]
    }
}
