/// Which container of a pod: position in `initContainers` or `containers`.
struct ContainerIndex: Sendable, Hashable {
    var isInit: Bool
    var index: Int
}
