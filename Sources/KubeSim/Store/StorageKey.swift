import KubeJSON

/// Identifies one object collection in the store; versions of a group share storage.
struct StorageKey: Hashable, Sendable {
    var group: String
    var resource: String

    init(_ gvr: GroupVersionResource) {
        group = gvr.group
        resource = gvr.resource
    }
}
