/// An object the reflector can key and version: anything with `metadata`.
public protocol KubeObject: Decodable, Sendable {
    /// Namespace and name.
    var objectKey: ObjectKey { get }
    /// `metadata.resourceVersion`, or `nil` when absent.
    var resourceVersion: String? { get }
    /// An object carrying only the key, for the synthetic `.deleted` a relist emits when an object vanished
    /// while the watch was down (its last state is not kept, to keep memory small).
    init(placeholderFor key: ObjectKey)
}

/// Objects with a typed `metadata` get the `KubeObject` requirements for free.
public protocol HasObjectMeta: KubeObject {
    var metadata: ObjectMeta { get }
}

extension HasObjectMeta {
    public var objectKey: ObjectKey { ObjectKey(namespace: metadata.namespace, name: metadata.name) }
    public var resourceVersion: String? { metadata.resourceVersion }
}

extension ObjectMeta {
    init(placeholderFor key: ObjectKey) {
        self.init(name: key.name, namespace: key.namespace.isEmpty ? nil : key.namespace)
    }
}
