/// `type: discord`: a Discord channel webhook; the URL is the credential.
struct DiscordDestinationSettings: Equatable {
    var url: SecretValue
    var username: String? = "Muninn"
    var avatarURL: String?
    /// Post into this thread (or forum post) of the webhook's channel.
    var threadID: String?
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 30
}
