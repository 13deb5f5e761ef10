/// `type: mattermost`: a Mattermost incoming webhook; the URL is the credential.
struct MattermostDestinationSettings: Equatable {
    var url: SecretValue
    var channel: String?
    var username: String?
    var iconURL: String?
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 50
    var tls = DestinationTLSSettings()
}
