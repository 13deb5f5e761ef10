/// `type: feishu`: a Feishu or Lark custom bot; the URL is the credential, the secret signs.
struct FeishuDestinationSettings: Equatable {
    var url: SecretValue
    var secret: SecretValue?
    var keyword: String?
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 30
}
