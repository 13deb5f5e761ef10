import Foundation
import KubeJSON

/// The simulated cluster behind a scenario: every pod's kubelet state machine, the controllers
/// that create and replace pods, and the scenario's timeline.
///
/// `advance(to:)` returns everything that happened up to a time, in order; `nextDeadline` says
/// when something next happens, so a runner can sleep until then. Same scenario and seed, same
/// writes.
public struct ScenarioEngine: Sendable {
    public let start: Date
    var random: SeededRandom
    var nodes: [String]
    var namespaces: [String]
    var workloads: [WorkloadSimulation] = []
    var workloadIndex: [String: Int] = [:]
    var pods: [PodRecord?] = []
    var podIndex: [String: Int] = [:]
    var heap = DeadlineHeap()
    var timeline: [TimelineEntry]
    var timelinePosition = 0
    var pendingWorkloads: [(at: Date, workload: Int)] = []
    var initialized = false
    var dirtyWorkloads: Set<Int> = []
    var renderedObjects: [String: JSONValue] = [:]
    var podsCreatedPerNode: [Int]
    var nextNode = 0
    var now: Date
    /// Pods made by `bulk`, emitted with the rest of the initial state.
    var bulkPodIDs: [Int] = []
    /// Node heartbeat Leases (uid and creation per node), when the scenario asks for them.
    var nodeLeases: [(nodeUID: String, uid: String)] = []
    var leasesEnabled: Bool
    var nextLeaseRenewal: Date?
    /// Leases renew every 10 s, with the small drift of a real kubelet's timer.
    static let leaseRenewInterval: TimeInterval = 10

    public init(scenario: Scenario, seed: UInt64, start: Date) {
        self.start = start
        self.now = start
        random = SeededRandom(seed: seed)
        nodes = scenario.nodes
        namespaces = scenario.namespaces
        leasesEnabled = scenario.nodeLeases
        if scenario.nodeLeases && !namespaces.contains("kube-node-lease") { namespaces.append("kube-node-lease") }
        timeline = scenario.timeline.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        podsCreatedPerNode = Array(repeating: 0, count: scenario.nodes.count)
        for spec in scenario.workloads { addWorkload(spec) }
    }

    @discardableResult
    mutating func addWorkload(_ spec: WorkloadSpec) -> Int {
        let created = start.addingTimeInterval(spec.startAfter)
        let revision = makeRevision(number: 1, spec: spec, containers: spec.containers, initContainers: spec.initContainers, created: created)
        let workload = WorkloadSimulation(spec: spec, uid: random.uuid(), created: created, revisions: [revision])
        workloads.append(workload)
        let index = workloads.count - 1
        workloadIndex[workload.key] = index
        pendingWorkloads.append((created, index))
        pendingWorkloads.sort { ($0.at, $0.workload) < ($1.at, $1.workload) }
        return index
    }

    mutating func makeRevision(number: Int, spec: WorkloadSpec, containers: [ContainerBlueprint], initContainers: [ContainerBlueprint], created: Date) -> WorkloadRevision {
        let fingerprint = "\(spec.namespace)/\(spec.name)/\(number)/" + (initContainers + containers).map { "\($0.name)=\($0.image)" }.joined(separator: ",")
        return WorkloadRevision(
            number: number, hash: TemplateHash.of(fingerprint), uid: random.uuid(),
            containers: containers, initContainers: initContainers, created: created)
    }

    /// When something next happens (a kubelet transition, a timeline entry, a workload start).
    public var nextDeadline: Date? {
        var candidates: [Date] = []
        if !initialized { candidates.append(start) }
        if let first = pendingWorkloads.first { candidates.append(first.at) }
        if timelinePosition < timeline.count { candidates.append(start.addingTimeInterval(timeline[timelinePosition].at)) }
        if let top = validHeapTop() { candidates.append(top) }
        if let renewal = nextLeaseRenewal { candidates.append(renewal) }
        return candidates.min()
    }

    /// Everything due up to `now`, in time order. Calling it again with the same time yields nothing.
    public mutating func advance(to target: Date) -> [ClusterWrite] {
        var writes: [ClusterWrite] = []
        dropStaleHeapEntries()
        while let due = nextDeadline, due <= target {
            now = max(now, due)
            if !initialized {
                initialized = true
                writes += initialObjects()
            } else if let first = pendingWorkloads.first, first.at == due {
                pendingWorkloads.removeFirst()
                writes += workloadObjects(first.workload, force: true)
                dirtyWorkloads.insert(first.workload)
            } else if let top = validHeapTop(), top == due {
                writes += tickPods(at: due)
            } else if let renewal = nextLeaseRenewal, renewal == due {
                writes += renewLeases(at: due)
            } else if timelinePosition < timeline.count {
                let entry = timeline[timelinePosition]
                timelinePosition += 1
                writes += execute(ScenarioCommand(entry), at: due)
            }
            writes += reconcile(at: due)
            dropStaleHeapEntries()
        }
        now = max(now, target)
        return writes
    }

    /// Catches up to `now`, then carries out `command` (crash a container, evict, roll out, …).
    public mutating func perform(_ command: ScenarioCommand, now time: Date) -> [ClusterWrite] {
        var writes = advance(to: time)
        writes += execute(command, at: time)
        writes += reconcile(at: time)
        dropStaleHeapEntries()
        return writes
    }

    // MARK: - Pods

    /// The current pod object of `namespace/name`, if it exists.
    public func pod(_ reference: String) -> PodSimulation? {
        podIndex[reference].flatMap { pods[$0]?.simulation }
    }

    /// All pods that exist now (not yet removed), sorted by namespace/name.
    public var currentPods: [PodSimulation] {
        podIndex.keys.sorted().compactMap { pod($0) }
    }

    /// The pods of a workload (`namespace/name`) that exist now, sorted by name.
    public func pods(ofWorkload reference: String) -> [PodSimulation] {
        guard let index = workloadIndex[reference] else { return [] }
        return workloads[index].podIDs.compactMap { pods[$0]?.simulation }.filter { !$0.isRemoved }.sorted { $0.name < $1.name }
    }

    func validHeapTop() -> Date? {
        // Stale entries are dropped lazily in tickPods; here any entry is a safe lower bound
        // only if it is still current, so look at the first valid one without mutating.
        guard let top = heap.first else { return nil }
        if let record = pods[top.id], record.simulation.nextDeadline == top.at { return top.at }
        var copy = heap
        while let entry = copy.pop() {
            if let record = pods[entry.id], record.simulation.nextDeadline == entry.at { return entry.at }
        }
        return nil
    }

    mutating func dropStaleHeapEntries() {
        while let top = heap.first {
            if let record = pods[top.id], record.simulation.nextDeadline == top.at { return }
            _ = heap.pop()
        }
    }

    private mutating func tickPods(at due: Date) -> [ClusterWrite] {
        var writes: [ClusterWrite] = []
        dropStaleHeapEntries()
        while let top = heap.first, top.at == due {
            _ = heap.pop()
            guard var record = pods[top.id], record.simulation.nextDeadline == top.at else { continue }
            writes += record.simulation.tick(now: due)
            store(record, id: top.id)
            dropStaleHeapEntries()
        }
        return writes
    }

    /// Saves a pod's new state, re-arms its deadline and marks its workload for reconciling.
    mutating func store(_ record: PodRecord, id: Int) {
        if let workload = record.workload { dirtyWorkloads.insert(workload) }
        if record.simulation.isRemoved {
            pods[id] = nil
            podIndex["\(record.simulation.namespace)/\(record.simulation.name)"] = nil
            if let workload = record.workload { workloads[workload].podIDs.removeAll { $0 == id } }
            return
        }
        pods[id] = record
        if let deadline = record.simulation.nextDeadline { heap.push(deadline, id) }
    }

    mutating func track(_ simulation: PodSimulation, workload: Int?, revision: Int, nodeIndex: Int) -> Int {
        let id = pods.count
        pods.append(PodRecord(simulation: simulation, workload: workload, revision: revision, nodeIndex: nodeIndex))
        podIndex["\(simulation.namespace)/\(simulation.name)"] = id
        if let workload { workloads[workload].podIDs.append(id) }
        if let deadline = simulation.nextDeadline { heap.push(deadline, id) }
        return id
    }
}
