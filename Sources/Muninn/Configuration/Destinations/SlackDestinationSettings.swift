/// `type: slack`: mirrors `SlackConfiguration` of MuninnNotifiers, with the token's origin kept.
struct SlackDestinationSettings: Equatable {
    var token: SecretValue
    var apiURL: String = "https://slack.com/api"
    /// Where alerts go when routing names no channel (`SLACK_CHANNEL`).
    var defaultChannel: String?
    var requestTimeout: Duration = .seconds(15)
    var uploadLogs: Bool = true
    var inlineLogLines: Int = 20
    var inlineLogCharacters: Int = 2_800
}
