/// The part of `metadata` Muninn needs. Unknown fields (managedFields, finalizers, …) are dropped on purpose:
/// they are most of an object's size.
public struct ObjectMeta: Codable, Hashable, Sendable {
    /// `""` when absent (bookmarks, objects created with `generateName` before the server names them).
    public var name: String
    /// `nil` for cluster-scoped objects.
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    public var labels: [String: String]
    public var annotations: [String: String]
    public var ownerReferences: [OwnerReference]
    public var creationTimestamp: KubeTime?
    public var deletionTimestamp: KubeTime?

    public init(
        name: String = "", namespace: String? = nil, uid: String? = nil, resourceVersion: String? = nil,
        generation: Int64? = nil, labels: [String: String] = [:], annotations: [String: String] = [:],
        ownerReferences: [OwnerReference] = [], creationTimestamp: KubeTime? = nil, deletionTimestamp: KubeTime? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
    }

    private enum CodingKeys: String, CodingKey {
        case name, namespace, uid, resourceVersion, generation, labels, annotations, ownerReferences
        case creationTimestamp, deletionTimestamp
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = container.lenient(.name) ?? ""
        namespace = container.lenient(.namespace)
        uid = container.lenient(.uid)
        resourceVersion = container.lenient(.resourceVersion)
        generation = container.lenient(.generation)
        labels = container.lenientStringMap(.labels)
        annotations = container.lenientStringMap(.annotations)
        ownerReferences = container.lenientArray(.ownerReferences)
        creationTimestamp = container.lenient(.creationTimestamp)
        deletionTimestamp = container.lenient(.deletionTimestamp)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !name.isEmpty { try container.encode(name, forKey: .name) }
        try container.encodeIfPresent(namespace, forKey: .namespace)
        try container.encodeIfPresent(uid, forKey: .uid)
        try container.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
        try container.encodeIfPresent(generation, forKey: .generation)
        if !labels.isEmpty { try container.encode(labels, forKey: .labels) }
        if !annotations.isEmpty { try container.encode(annotations, forKey: .annotations) }
        if !ownerReferences.isEmpty { try container.encode(ownerReferences, forKey: .ownerReferences) }
        try container.encodeIfPresent(creationTimestamp, forKey: .creationTimestamp)
        try container.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
    }
}
