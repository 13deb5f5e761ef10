/// `type: slackWebhook`: a Slack incoming webhook; the URL is the credential and fixes the channel.
struct SlackWebhookDestinationSettings: Equatable {
    var url: SecretValue
    var requestTimeout: Duration = .seconds(15)
    var inlineLogLines: Int = 20
    var inlineLogCharacters: Int = 2_800
    var tls = DestinationTLSSettings()
}
