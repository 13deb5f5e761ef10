/// An entry of `metadata.ownerReferences`: who owns (and garbage-collects) this object.
public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil, blockOwnerDeletion: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    private enum CodingKeys: String, CodingKey { case apiVersion, kind, name, uid, controller, blockOwnerDeletion }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = container.lenient(.apiVersion) ?? ""
        kind = container.lenient(.kind) ?? ""
        name = container.lenient(.name) ?? ""
        uid = container.lenient(.uid) ?? ""
        controller = container.lenient(.controller)
        blockOwnerDeletion = container.lenient(.blockOwnerDeletion)
    }
}
