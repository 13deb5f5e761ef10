/// A partial core/v1 Pod: what crash detection needs. Unknown fields are ignored; odd values of
/// non-essential fields become `nil` instead of failing the pod.
public struct Pod: HasObjectMeta, Hashable {
    public var metadata: ObjectMeta = ObjectMeta()
    public var spec: PodSpec = PodSpec()
    public var status: PodStatus = PodStatus()

    public init(placeholderFor key: ObjectKey) {
        metadata = ObjectMeta(placeholderFor: key)
    }

    private enum CodingKeys: String, CodingKey { case metadata, spec, status }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = container.lenient(.metadata) ?? ObjectMeta()
        spec = container.lenient(.spec) ?? PodSpec()
        status = container.lenient(.status) ?? PodStatus()
    }
}
