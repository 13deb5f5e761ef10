/// A coordination.k8s.io/v1 Lease, for leader election and heartbeats. Encodable for create/update.
public struct Lease: HasObjectMeta, Codable, Hashable {
    public var apiVersion: String = "coordination.k8s.io/v1"
    public var kind: String = "Lease"
    public var metadata: ObjectMeta
    public var spec: Spec

    /// The lease's `spec`; every field is optional on the wire.
    public struct Spec: Codable, Hashable, Sendable {
        public var holderIdentity: String?
        public var leaseDurationSeconds: Int?
        public var acquireTime: MicroTime?
        public var renewTime: MicroTime?
        public var leaseTransitions: Int?

        public init(
            holderIdentity: String? = nil, leaseDurationSeconds: Int? = nil, acquireTime: MicroTime? = nil,
            renewTime: MicroTime? = nil, leaseTransitions: Int? = nil
        ) {
            self.holderIdentity = holderIdentity
            self.leaseDurationSeconds = leaseDurationSeconds
            self.acquireTime = acquireTime
            self.renewTime = renewTime
            self.leaseTransitions = leaseTransitions
        }

        private enum CodingKeys: String, CodingKey { case holderIdentity, leaseDurationSeconds, acquireTime, renewTime, leaseTransitions }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            holderIdentity = container.lenient(.holderIdentity)
            leaseDurationSeconds = container.lenient(.leaseDurationSeconds)
            acquireTime = container.lenient(.acquireTime)
            renewTime = container.lenient(.renewTime)
            leaseTransitions = container.lenient(.leaseTransitions)
        }
    }

    public init(metadata: ObjectMeta, spec: Spec = Spec()) {
        self.metadata = metadata
        self.spec = spec
    }

    public init(placeholderFor key: ObjectKey) {
        self.init(metadata: ObjectMeta(placeholderFor: key))
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, metadata, spec }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = container.lenient(.metadata) ?? ObjectMeta()
        spec = container.lenient(.spec) ?? Spec()
    }
}
