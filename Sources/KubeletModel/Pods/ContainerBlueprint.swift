/// One container of a pod to build.
public struct ContainerBlueprint: Sendable, Equatable {
    public var name: String
    public var image: String
    public var command: [String]?
    public var args: [String]?
    /// Resource requests and limits, e.g. `["cpu": "100m", "memory": "128Mi"]`.
    public var requests: [String: String]
    public var limits: [String: String]
    public var ports: [Int]
    /// An init container with `restartPolicy: Always` (a native sidecar). Ignored for regular containers.
    public var isSidecar: Bool
    public var behaviour: ContainerBehaviour

    public init(
        name: String, image: String, command: [String]? = nil, args: [String]? = nil,
        requests: [String: String] = [:], limits: [String: String] = [:], ports: [Int] = [],
        isSidecar: Bool = false, behaviour: ContainerBehaviour = .healthy
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.requests = requests
        self.limits = limits
        self.ports = ports
        self.isSidecar = isSidecar
        self.behaviour = behaviour
    }

    /// Whether the container has a readiness probe in its spec (only flapping ones need one).
    var hasReadinessProbe: Bool {
        if case .flapReadiness = behaviour { return true }
        return false
    }
}
