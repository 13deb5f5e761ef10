/// A partial core/v1 Node: readiness, addresses, cordoning.
public struct Node: HasObjectMeta, Hashable {
    public var metadata: ObjectMeta = ObjectMeta()
    public var unschedulable: Bool = false
    public var conditions: [Condition] = []
    public var addresses: [Address] = []

    /// One entry of `status.conditions` (Ready, MemoryPressure, DiskPressure, …).
    public struct Condition: Decodable, Hashable, Sendable {
        public var type: String
        public var status: String
        public var reason: String?
        public var message: String?
        public var lastHeartbeatTime: KubeTime?
        public var lastTransitionTime: KubeTime?

        public init(
            type: String, status: String, reason: String? = nil, message: String? = nil,
            lastHeartbeatTime: KubeTime? = nil, lastTransitionTime: KubeTime? = nil
        ) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.lastHeartbeatTime = lastHeartbeatTime
            self.lastTransitionTime = lastTransitionTime
        }

        private enum CodingKeys: String, CodingKey { case type, status, reason, message, lastHeartbeatTime, lastTransitionTime }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            type = container.lenient(.type) ?? ""
            status = container.lenient(.status) ?? "Unknown"
            reason = container.lenient(.reason)
            message = container.lenient(.message)
            lastHeartbeatTime = container.lenient(.lastHeartbeatTime)
            lastTransitionTime = container.lenient(.lastTransitionTime)
        }
    }

    /// One entry of `status.addresses` (InternalIP, ExternalIP, Hostname, …).
    public struct Address: Decodable, Hashable, Sendable {
        public var type: String
        public var address: String
    }

    public init(placeholderFor key: ObjectKey) {
        metadata = ObjectMeta(placeholderFor: key)
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec, status }
    private enum SpecKeys: String, CodingKey { case unschedulable }
    private enum StatusKeys: String, CodingKey { case conditions, addresses }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = container.lenient(.metadata) ?? ObjectMeta()
        if let spec = try? container.nestedContainer(keyedBy: SpecKeys.self, forKey: .spec) {
            unschedulable = spec.lenient(.unschedulable) ?? false
        }
        if let status = try? container.nestedContainer(keyedBy: StatusKeys.self, forKey: .status) {
            conditions = status.lenientArray(.conditions)
            addresses = status.lenientArray(.addresses)
        }
    }

    /// The `Ready` condition's status ("True", "False", "Unknown"), if reported.
    public var readyStatus: String? { conditions.first { $0.type == "Ready" }?.status }
}
