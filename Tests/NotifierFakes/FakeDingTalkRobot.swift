/// The security settings of one DingTalk custom robot, each enforced independently.
public struct FakeDingTalkRobot: Sendable {
    /// The 加签 secret: requests must carry `timestamp` (ms, within an hour) and a matching `sign`.
    public var secret: String?
    /// Custom keywords: the message must contain at least one.
    public var keywords: [String]

    public init(secret: String? = nil, keywords: [String] = []) {
        self.secret = secret
        self.keywords = keywords
    }
}
