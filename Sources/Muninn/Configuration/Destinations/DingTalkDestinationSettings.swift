/// `type: dingtalk`: mirrors `DingTalkConfiguration` of MuninnNotifiers, with the secrets' origins kept.
struct DingTalkDestinationSettings: Equatable {
    /// The robot's access_token or its whole webhook URL.
    var token: SecretValue
    /// The 加签 signing secret (`SEC...`).
    var secret: SecretValue?
    var apiURL: String = "https://oapi.dingtalk.com/robot/send"
    var atMobiles: [String] = []
    var atUserIDs: [String] = []
    var isAtAll: Bool = false
    var keyword: String = "Kubernetes"
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 20
    var maximumBodyBytes: Int = 20_000
}
