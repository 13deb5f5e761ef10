import Foundation
import KubeJSON

/// One pod as its kubelet (and the scheduler before it) would drive it: a value-type state machine.
///
/// Every operation takes the current time and returns the writes a real cluster would make: the pod
/// object (always complete, ready to `.apply`), Events, and container log text. Time-driven
/// transitions (back-off expiry, probes, behaviours) happen in `tick(now:)`; `nextDeadline` says
/// when the next one is due. Nothing here reads a clock or global state, so the same seed and the
/// same calls give the same writes.
public struct PodSimulation: Sendable {
    public let blueprint: PodBlueprint
    public let uid: String
    let builder: PodObjectBuilder
    let spec: JSONValue
    var random: SeededRandom
    var events = EventRecorder()

    public internal(set) var phase = "Pending"
    var podReason: String?
    var podMessage: String?
    var admitted = false
    var sandboxReady = false
    var startTime: Date?
    var conditions: [PodCondition]
    var disruption: PodCondition?
    var initContainers: [ContainerSimulation]
    var containers: [ContainerSimulation]
    var deletion: PodDeletion?
    var lastStatusUpdate: Date
    /// Set once `.delete` has been emitted.
    public internal(set) var isRemoved = false

    var agenda: [ScheduledPodAction] = []
    var nextSequence = 0

    /// A new pod, as created by its controller; call `create(now:)` to get its first writes.
    public init(blueprint: PodBlueprint, random: SeededRandom, now: Date) {
        var random = random
        let uid = random.uuid()
        let builder = PodObjectBuilder(blueprint: blueprint, uid: uid, volumeSuffix: random.nameSuffix(), creationTimestamp: now)
        self.init(blueprint: blueprint, uid: uid, builder: builder, spec: builder.spec(), random: random, now: now)
    }

    /// `images` seeds the cache of normalised images (bulk pods share one).
    init(blueprint: PodBlueprint, uid: String, builder: PodObjectBuilder, spec: JSONValue, random: SeededRandom, now: Date,
         images: [String: ImageReference] = [:]) {
        self.blueprint = blueprint
        self.uid = uid
        self.builder = builder
        self.spec = spec
        self.random = random
        self.lastStatusUpdate = now
        let waiting = blueprint.initContainers.isEmpty ? "ContainerCreating" : "PodInitializing"
        // Containers of a pod often share an image; normalise each image once.
        var images = images
        func image(_ container: ContainerBlueprint) -> ImageReference {
            if let known = images[container.image] { return known }
            let reference = ImageReference(written: container.image)
            images[container.image] = reference
            return reference
        }
        initContainers = blueprint.initContainers.map {
            ContainerSimulation(blueprint: $0, role: $0.isSidecar ? .sidecar : .initContainer, waitingReason: waiting, image: image($0))
        }
        containers = blueprint.containers.map { ContainerSimulation(blueprint: $0, role: .regular, waitingReason: waiting, image: image($0)) }
        conditions = [PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: now)]
    }

    public var namespace: String { blueprint.namespace }
    public var name: String { blueprint.name }
    public var isTerminal: Bool { phase == "Succeeded" || phase == "Failed" }
    public var isTerminating: Bool { deletion != nil }
    /// Counted by a ReplicaSet: neither finished nor being deleted.
    public var isActive: Bool { !isTerminal && deletion == nil && !isRemoved }
    /// Whether the Ready condition is True.
    public var isReady: Bool { conditions.first { $0.type == "Ready" }?.status == "True" }

    /// When `tick` next has something to do.
    public var nextDeadline: Date? { agenda.first?.at }

    /// Container names, init containers first.
    public var containerNames: [String] { initContainers.map(\.name) + containers.map(\.name) }

    /// The containerID of a container's current (or last) instance, if it ever ran.
    public func containerID(of container: String) -> String? {
        locate(container).map { self[$0].containerID } ?? nil
    }

    /// The containerID of a container's previous instance (`lastState.terminated`).
    public func previousContainerID(of container: String) -> String? {
        locate(container).flatMap { self[$0].lastState?.containerID }
    }

    func locate(_ name: String) -> ContainerIndex? {
        if let index = containers.firstIndex(where: { $0.name == name }) { return ContainerIndex(isInit: false, index: index) }
        if let index = initContainers.firstIndex(where: { $0.name == name }) { return ContainerIndex(isInit: true, index: index) }
        return nil
    }

    subscript(_ index: ContainerIndex) -> ContainerSimulation {
        get { index.isInit ? initContainers[index.index] : containers[index.index] }
        set {
            if index.isInit { initContainers[index.index] = newValue } else { containers[index.index] = newValue }
        }
    }

    var allIndices: [ContainerIndex] {
        initContainers.indices.map { ContainerIndex(isInit: true, index: $0) }
            + containers.indices.map { ContainerIndex(isInit: false, index: $0) }
    }

    mutating func schedule(_ action: PodAction, at time: Date) {
        let entry = ScheduledPodAction(at: time, sequence: nextSequence, action: action)
        nextSequence += 1
        let position = agenda.firstIndex { $0.at > time } ?? agenda.endIndex
        agenda.insert(entry, at: position)
    }

    mutating func cancelAgenda() { agenda.removeAll() }

    mutating func cancel(where matches: (PodAction) -> Bool) { agenda.removeAll { matches($0.action) } }
}
