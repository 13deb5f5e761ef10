/// A conversation the Slack fake knows.
public struct FakeSlackChannel: Sendable {
    public var id: String
    public var name: String
    public var isPrivate: Bool
    /// Whether the bot is a member (else it needs `chat:write.public`, and cannot post in private ones).
    public var isMember: Bool
    public var isArchived: Bool

    public init(id: String, name: String, isPrivate: Bool = false, isMember: Bool = true, isArchived: Bool = false) {
        self.id = id
        self.name = name
        self.isPrivate = isPrivate
        self.isMember = isMember
        self.isArchived = isArchived
    }
}
