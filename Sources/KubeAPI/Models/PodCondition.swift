/// One entry of a pod's `status.conditions`.
public struct PodCondition: Decodable, Hashable, Sendable {
    public var type: String
    /// "True", "False" or "Unknown".
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastProbeTime: KubeTime?
    public var lastTransitionTime: KubeTime?

    private enum CodingKeys: String, CodingKey { case type, status, reason, message, lastProbeTime, lastTransitionTime }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        type = container.lenient(.type) ?? ""
        status = container.lenient(.status) ?? "Unknown"
        reason = container.lenient(.reason)
        message = container.lenient(.message)
        lastProbeTime = container.lenient(.lastProbeTime)
        lastTransitionTime = container.lenient(.lastTransitionTime)
    }
}
