import KubeAPI

/// Turns a stream of pod states into the changes between them.
///
/// It keeps a slim snapshot per pod (phase and one short state key per container), never whole
/// pod objects, so it stays small on clusters with very many pods.
public struct PodChangeTracker: Sendable {
    struct ContainerSnapshot: Equatable, Sendable {
        var state: String
        var restartCount: Int
        var ready: Bool
    }

    struct PodSnapshot: Equatable, Sendable {
        var uid: String?
        var phase: String?
        var containers: [String: ContainerSnapshot]
    }

    private var pods: [String: PodSnapshot] = [:]

    public init() {}

    /// Number of pods currently known.
    public var count: Int { pods.count }

    /// The changes `event` brings. `.synced` brings none.
    public mutating func observe(_ event: InformerEvent<Pod>) -> [PodChange] {
        switch event {
        case .synced:
            return []
        case .deleted(let pod):
            pods[Self.key(pod)] = nil
            return [PodChange(namespace: pod.metadata.namespace ?? "", pod: pod.metadata.name, node: pod.spec.nodeName, kind: .podDeleted)]
        case .added(let pod), .modified(let pod):
            return update(pod)
        }
    }

    /// Keyed by namespace/name, because a relist's synthetic deletion carries only those;
    /// a new UID under the same name is a new pod.
    private static func key(_ pod: Pod) -> String {
        "\(pod.metadata.namespace ?? "")/\(pod.metadata.name)"
    }

    private mutating func update(_ pod: Pod) -> [PodChange] {
        let key = Self.key(pod)
        let previous = pods[key].flatMap { $0.uid == pod.metadata.uid ? $0 : nil }
        let namespace = pod.metadata.namespace ?? ""
        let name = pod.metadata.name
        let node = pod.spec.nodeName
        var changes: [PodChange] = []
        var current = PodSnapshot(uid: pod.metadata.uid, phase: pod.status.phase, containers: [:])

        if previous == nil {
            changes.append(PodChange(namespace: namespace, pod: name, node: node, kind: .podAdded(phase: pod.status.phase)))
        } else if previous?.phase != pod.status.phase {
            changes.append(PodChange(namespace: namespace, pod: name, node: node, kind: .phaseChanged(from: previous?.phase, to: pod.status.phase, reason: pod.status.reason)))
        }

        let groups: [(PodChange.ContainerRole, [ContainerStatus])] = [
            (.`init`, pod.status.initContainerStatuses), (.regular, pod.status.containerStatuses), (.ephemeral, pod.status.ephemeralContainerStatuses),
        ]
        for (role, statuses) in groups {
            for status in statuses {
                let snapshot = ContainerSnapshot(state: Self.stateKey(status.state), restartCount: status.restartCount, ready: status.ready)
                current.containers["\(role.rawValue)/\(status.name)"] = snapshot
                let before = previous?.containers["\(role.rawValue)/\(status.name)"]
                func change(_ kind: PodChange.Kind) -> PodChange {
                    PodChange(namespace: namespace, pod: name, container: status.name, role: role, node: node, kind: kind)
                }
                // A restart whose termination we never saw as `state` shows up in lastState.
                if let before, status.restartCount > before.restartCount {
                    if let last = status.lastState.terminatedDetails, before.state != Self.stateKey(status.lastState) {
                        changes.append(change(.containerTerminated(reason: last.reason, exitCode: last.exitCode, signal: last.signal, message: last.message)))
                    }
                    changes.append(change(.containerRestarted(restartCount: status.restartCount, restarts: status.restartCount - before.restartCount)))
                }
                if before?.state != snapshot.state {
                    switch status.state {
                    case .running: changes.append(change(.containerRunning))
                    case .waiting(let reason, let message): changes.append(change(.containerWaiting(reason: reason, message: message)))
                    case .terminated(let t):
                        changes.append(change(.containerTerminated(reason: t.reason, exitCode: t.exitCode, signal: t.signal, message: t.message)))
                    case .empty: break
                    }
                }
                if let before, before.ready != snapshot.ready {
                    changes.append(change(.readinessChanged(ready: snapshot.ready)))
                }
            }
        }
        pods[key] = current
        return changes
    }

    /// One short key per distinct state, so a change of reason or of container instance is a change.
    static func stateKey(_ state: ContainerState) -> String {
        switch state {
        case .empty: return "empty"
        case .running(let startedAt): return "running:\(startedAt?.description ?? "")"
        case .waiting(let reason, _): return "waiting:\(reason ?? "")"
        case .terminated(let t): return "terminated:\(t.reason ?? ""):\(t.exitCode):\(t.containerID ?? t.finishedAt?.description ?? "")"
        }
    }
}
