import Foundation
import KubeAPI

/// Turns pod informer events into `Incident`s: container crashes, containers that cannot start, pods not Ready
/// for too long, evicted and failed pods, and optionally their recoveries.
///
/// Pure and synchronous: no I/O, time comes in as `now`. It keeps a slim memory per container that has
/// something to remember (a termination, restarts, an open waiting episode) and per unready pod, never whole
/// pods; a healthy pod costs nothing. See docs/detection.md for every rule and why.
///
/// Feed it every event of one pod informer in order, call `tick(now:)` periodically (so a pod that stays
/// unready without new events is still reported), and persist `exportState()` after the incidents it returned
/// are safely handed on; pass that state to `init(configuration:restoring:)` on the next start.
///
/// Start-up: events before the first `.synced` are the initial list. Without saved state they are a silent
/// baseline (unless `reportExistingOnStart`); with saved state, what changed while Muninn was down is reported
/// once with `seenLate`, and pods that vanished meanwhile are forgotten when the list completes. Later relists
/// need no special handling: only what differs from memory is new.
public struct CrashDetector: Sendable {
    /// May be changed between events (a reloaded configuration); applies from the next event or tick.
    public var configuration: Configuration

    enum Startup: Sendable {
        /// First start, no saved state: the initial list is the baseline.
        case baseline
        /// Saved state restored: the initial list is compared with it.
        case restored
        /// After the first `.synced`.
        case live
    }

    var startup: Startup
    var pods: [ObjectKey: PodMemory] = [:]
    var notReady: [ObjectKey: NotReadyWatch] = [:]
    /// Pods whose saved record (see `DetectionState`) changed since `takeStateChanges()` was last called.
    var unsavedPods: Set<ObjectKey> = []

    /// A detector; with `state`, one that continues where a previous process stopped.
    public init(configuration: Configuration = Configuration(), restoring state: DetectionState? = nil) {
        self.configuration = configuration
        if let state {
            startup = .restored
            pods = Self.memories(from: state)
        } else {
            startup = .baseline
        }
    }

    /// True once the initial list has been fully observed (the first `.synced`).
    public var hasSynced: Bool { startup == .live }

    /// Pods with something remembered (terminations, restarts, open episodes, reported flags).
    public var rememberedPodCount: Int { pods.count }

    /// Pods currently not Ready and being timed against the threshold.
    public var unreadyPodCount: Int { notReady.count }

    /// The incidents `event` reveals, in status order (init, regular, ephemeral containers; then the pod).
    public mutating func observe(_ event: InformerEvent<Pod>, now: Date) -> [Incident] {
        switch event {
        case .synced:
            finishInitialList()
            return []
        case .deleted(let pod):
            let before = savedRecord(pod.objectKey)
            forget(pod)
            noteChange(of: pod.objectKey, from: before)
            return []
        case .added(let pod), .modified(let pod):
            let before = savedRecord(pod.objectKey)
            defer { noteChange(of: pod.objectKey, from: before) }
            let incidents = update(pod, now: now)
            switch startup {
            case .live:
                return incidents
            case .restored:
                return incidents.map(Self.markedLate)
            case .baseline:
                if configuration.reportExistingOnStart { return incidents.map(Self.markedLate) }
                markBaselined(incidents)
                return []
            }
        }
    }

    /// `notReady` incidents for pods whose unready time crossed the threshold since they were last observed,
    /// sorted by namespace and name.
    public mutating func tick(now: Date) -> [Incident] {
        var incidents: [Incident] = []
        for key in notReady.keys.sorted() {
            guard let watch = notReady[key] else { continue }
            var memory = pods[key].flatMap { $0.uid == watch.uid ? $0 : nil } ?? PodMemory(uid: watch.uid)
            if let incident = notReadyIncident(key: key, watch: watch, memory: &memory, now: now) {
                incidents.append(incident)
                pods[key] = memory
                unsavedPods.insert(key)
            }
        }
        return incidents
    }

    /// Problems of the silent baseline are remembered as reported, so they are not reported later; marking
    /// them keeps their end from being announced as a recovery of something never announced.
    private mutating func markBaselined(_ incidents: [Incident]) {
        for incident in incidents where incident.kind == .notReady || incident.kind == .cannotStart {
            let key = ObjectKey(namespace: incident.namespace, name: incident.podName)
            guard var memory = pods[key] else { continue }
            unsavedPods.insert(key)
            if incident.kind == .notReady {
                memory.notReadyBaselined = true
            } else if let index = memory.containers.firstIndex(where: { $0.name == incident.container }) {
                memory.containers[index].waitingBaselined = true
            }
            pods[key] = memory
        }
    }

    private static func markedLate(_ incident: Incident) -> Incident {
        var late = incident
        late.seenLate = true
        return late
    }

    private mutating func finishInitialList() {
        if startup == .restored {
            for (key, memory) in pods where !memory.confirmed { unsavedPods.insert(key) }
            pods = pods.filter { $0.value.confirmed }
        }
        startup = .live
    }

    /// The relist's synthetic deletion carries only namespace and name: no UID means "whatever is there".
    private mutating func forget(_ pod: Pod) {
        let key = pod.objectKey
        let uid = pod.metadata.uid
        if let memory = pods[key], uid == nil || memory.uid == uid { pods[key] = nil }
        if let watch = notReady[key], uid == nil || watch.uid == uid { notReady[key] = nil }
    }

    private mutating func update(_ pod: Pod, now: Date) -> [Incident] {
        let facts = PodFacts(pod)
        // A new UID under a known name is a new pod (StatefulSet replacement): nothing of the old one applies.
        var memory = pods[facts.key].flatMap { $0.uid == facts.uid ? $0 : nil } ?? PodMemory(uid: facts.uid)
        memory.confirmed = true
        if let watch = notReady[facts.key], watch.uid != facts.uid { notReady[facts.key] = nil }

        var incidents: [Incident] = []
        // Names are unique across all three lists of a valid pod; a duplicate would share identities and memory.
        var names = Set<String>()
        let lists: [(ContainerMemory.Group, [ContainerStatus])] = [
            (.`init`, pod.status.initContainerStatuses), (.regular, pod.status.containerStatuses),
            (.ephemeral, pod.status.ephemeralContainerStatuses),
        ]
        for (group, statuses) in lists {
            observeContainers(statuses, group: group, names: &names, facts: facts, memory: &memory, now: now, into: &incidents)
        }
        observeFailure(facts: facts, memory: &memory, now: now, into: &incidents)
        observeReadiness(pod, facts: facts, memory: &memory, now: now, into: &incidents)

        pods[facts.key] = memory.isEmpty ? nil : memory
        return incidents
    }

    private func observeContainers(
        _ statuses: [ContainerStatus], group: ContainerMemory.Group, names: inout Set<String>, facts: PodFacts, memory: inout PodMemory,
        now: Date, into incidents: inout [Incident]
    ) {
        for status in statuses where names.insert(status.name).inserted {
            let index = memory.index(of: group, status.name)
            var container = index.map { memory.containers[$0] } ?? ContainerMemory(group: group, name: status.name)
            observeContainer(status, role: facts.role(of: group, name: status.name), facts: facts, memory: &container, now: now, into: &incidents)
            if let index {
                if container.isEmpty { memory.containers.remove(at: index) } else { memory.containers[index] = container }
            } else if !container.isEmpty {
                memory.containers.append(container)
            }
        }
    }
}
