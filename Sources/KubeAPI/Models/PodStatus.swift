/// The part of a pod's `status` Muninn needs.
public struct PodStatus: Decodable, Hashable, Sendable {
    /// Pending, Running, Succeeded, Failed or Unknown.
    public var phase: String?
    /// Pod-level reason such as `Evicted`.
    public var reason: String?
    public var message: String?
    public var conditions: [PodCondition] = []
    public var hostIP: String?
    public var podIP: String?
    public var startTime: KubeTime?
    public var containerStatuses: [ContainerStatus] = []
    public var initContainerStatuses: [ContainerStatus] = []
    public var ephemeralContainerStatuses: [ContainerStatus] = []

    init() {}

    private enum CodingKeys: String, CodingKey {
        case phase, reason, message, conditions, hostIP, podIP, startTime
        case containerStatuses, initContainerStatuses, ephemeralContainerStatuses
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        phase = container.lenient(.phase)
        reason = container.lenient(.reason)
        message = container.lenient(.message)
        conditions = container.lenientArray(.conditions)
        hostIP = container.lenient(.hostIP)
        podIP = container.lenient(.podIP)
        startTime = container.lenient(.startTime)
        containerStatuses = container.lenientArray(.containerStatuses)
        initContainerStatuses = container.lenientArray(.initContainerStatuses)
        ephemeralContainerStatuses = container.lenientArray(.ephemeralContainerStatuses)
    }
}
