/// `type: telegram`: a Telegram bot posting into one chat.
struct TelegramDestinationSettings: Equatable {
    var token: SecretValue
    /// A numeric chat id (`-1001234567890`) or `@channelusername`.
    var chatID: String
    /// The topic of a forum supergroup.
    var messageThreadID: Int64?
    var apiURL: String = "https://api.telegram.org"
    var disableNotification: Bool = false
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 30
    var tls = DestinationTLSSettings()
}
