/// Everything needed to build a realistic pod object.
public struct PodBlueprint: Sendable, Equatable {
    public var namespace: String
    public var name: String
    /// `metadata.generateName` (`<replicaset>-` for controller-made pods).
    public var generateName: String?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var owner: OwnerReference?
    public var nodeName: String
    public var hostIP: String
    public var podIP: String
    public var initContainers: [ContainerBlueprint]
    public var containers: [ContainerBlueprint]
    public var serviceAccountName: String
    public var restartPolicy: RestartPolicy
    public var terminationGracePeriodSeconds: Int
    public var realism: PodRealism

    public init(
        namespace: String, name: String, generateName: String? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:], owner: OwnerReference? = nil,
        nodeName: String = "kind-worker", hostIP: String = "172.18.0.2", podIP: String = "10.244.1.2",
        initContainers: [ContainerBlueprint] = [], containers: [ContainerBlueprint],
        serviceAccountName: String = "default", restartPolicy: RestartPolicy = .always,
        terminationGracePeriodSeconds: Int = 30, realism: PodRealism = .standard
    ) {
        self.namespace = namespace
        self.name = name
        self.generateName = generateName
        self.labels = labels
        self.annotations = annotations
        self.owner = owner
        self.nodeName = nodeName
        self.hostIP = hostIP
        self.podIP = podIP
        self.initContainers = initContainers
        self.containers = containers
        self.serviceAccountName = serviceAccountName
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.realism = realism
    }

    /// `status.qosClass` as the apiserver computes it from requests and limits.
    var qosClass: String {
        let all = initContainers + containers
        if all.allSatisfy({ $0.requests.isEmpty && $0.limits.isEmpty }) { return "BestEffort" }
        let guaranteed = all.allSatisfy { container in
            ["cpu", "memory"].allSatisfy { resource in
                guard let limit = container.limits[resource] else { return false }
                return (container.requests[resource] ?? limit) == limit
            }
        }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
