/// The status of one container instance (regular, init or ephemeral).
public struct ContainerStatus: Decodable, Hashable, Sendable {
    public var name: String
    public var image: String?
    /// `""` until the image is pulled.
    public var imageID: String?
    /// `<runtime>://<id>`; absent before the first start.
    public var containerID: String?
    public var ready: Bool
    public var started: Bool?
    public var restartCount: Int
    public var state: ContainerState
    /// The previous instance; `.empty` when there was none.
    public var lastState: ContainerState

    private enum CodingKeys: String, CodingKey { case name, image, imageID, containerID, ready, started, restartCount, state, lastState }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.lenient(.name) ?? ""
        image = container.lenient(.image)
        imageID = container.lenient(.imageID)
        containerID = container.lenient(.containerID)
        ready = container.lenient(.ready) ?? false
        started = container.lenient(.started)
        restartCount = container.lenient(.restartCount) ?? 0
        state = container.lenient(.state) ?? .empty
        lastState = container.lenient(.lastState) ?? .empty
    }
}
