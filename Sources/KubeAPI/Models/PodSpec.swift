/// The part of a pod's `spec` Muninn needs.
public struct PodSpec: Decodable, Hashable, Sendable {
    public var nodeName: String?
    public var restartPolicy: String?
    public var containers: [Container] = []
    /// Init containers; those with `restartPolicy: Always` are sidecars.
    public var initContainers: [Container] = []
    public var ephemeralContainers: [Container] = []

    init() {}

    private enum CodingKeys: String, CodingKey { case nodeName, restartPolicy, containers, initContainers, ephemeralContainers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        nodeName = container.lenient(.nodeName)
        restartPolicy = container.lenient(.restartPolicy)
        containers = container.lenientArray(.containers)
        initContainers = container.lenientArray(.initContainers)
        ephemeralContainers = container.lenientArray(.ephemeralContainers)
    }
}
