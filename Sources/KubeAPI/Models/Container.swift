/// A container of a pod's spec (regular, init or ephemeral).
public struct Container: Decodable, Hashable, Sendable {
    public var name: String
    public var image: String?
    /// `Always` marks an init container as a sidecar (1.28+).
    public var restartPolicy: String?

    public var isSidecar: Bool { restartPolicy == "Always" }

    private enum CodingKeys: String, CodingKey { case name, image, restartPolicy }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.lenient(.name) ?? ""
        image = container.lenient(.image)
        restartPolicy = container.lenient(.restartPolicy)
    }
}
