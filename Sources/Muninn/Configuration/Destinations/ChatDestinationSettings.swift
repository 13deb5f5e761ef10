import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnNotifiers

/// The chat and paging destinations of issue 7 (Teams, Discord, Telegram, PagerDuty, Mattermost,
/// Google Chat, Feishu/Lark): their settings, what `check-config` shows, the secrets to keep out
/// of output, and the notifier each becomes. One case of ``DestinationConfiguration/Settings``.
enum ChatDestinationSettings: Equatable {
    case teams(TeamsDestinationSettings)
    case discord(DiscordDestinationSettings)
    case telegram(TelegramDestinationSettings)
    case pagerduty(PagerDutyDestinationSettings)
    case mattermost(MattermostDestinationSettings)
    case googlechat(GoogleChatDestinationSettings)
    case feishu(FeishuDestinationSettings)

    var kind: DestinationConfiguration.Kind {
        switch self {
        case .teams: .teams
        case .discord: .discord
        case .telegram: .telegram
        case .pagerduty: .pagerduty
        case .mattermost: .mattermost
        case .googlechat: .googlechat
        case .feishu: .feishu
        }
    }

    /// The `check-config` line: where each secret was set, never its value.
    var summary: String {
        switch self {
        case .teams(let teams): return "url: \(teams.url.summary)"
        case .discord(let discord):
            var parts = ["url: \(discord.url.summary)"]
            if let thread = discord.threadID { parts.append("thread: \(thread)") }
            return parts.joined(separator: ", ")
        case .telegram(let telegram):
            var parts = ["token: \(telegram.token.summary)", "chat: \(telegram.chatID)"]
            if let topic = telegram.messageThreadID { parts.append("topic: \(topic)") }
            if telegram.apiURL != "https://api.telegram.org" { parts.append("API: \(telegram.apiURL)") }
            if let tls = telegram.tls.summary { parts.append(tls) }
            return parts.joined(separator: ", ")
        case .pagerduty(let pagerduty):
            var parts = ["routing key: \(pagerduty.routingKey.summary)", "severity: \(pagerduty.severity ?? "by alert kind")"]
            if pagerduty.apiURL != "https://events.pagerduty.com/v2/enqueue" { parts.append("API: \(pagerduty.apiURL)") }
            return parts.joined(separator: ", ")
        case .mattermost(let mattermost):
            var parts = ["url: \(mattermost.url.summary)", "channel: \(mattermost.channel ?? "the webhook's own")"]
            if let tls = mattermost.tls.summary { parts.append(tls) }
            return parts.joined(separator: ", ")
        case .googlechat(let chat):
            return "url: \(chat.url.summary), crash-loop threads: \(chat.threads ? "on" : "off")"
        case .feishu(let feishu):
            var parts = ["url: \(feishu.url.summary)", "signing secret: \(feishu.secret?.summary ?? "none")"]
            if let keyword = feishu.keyword { parts.append("keyword: \(keyword)") }
            return parts.joined(separator: ", ")
        }
    }

    /// Credentials that are URLs (their paths and query values are secret too), and the other secrets.
    var secretURLs: [String] {
        switch self {
        case .teams(let teams): [teams.url.value]
        case .discord(let discord): [discord.url.value]
        case .telegram: []
        case .pagerduty: []
        case .mattermost(let mattermost): [mattermost.url.value]
        case .googlechat(let chat): [chat.url.value]
        case .feishu(let feishu): [feishu.url.value]
        }
    }

    var secretValues: [String] {
        switch self {
        case .telegram(let telegram): [telegram.token.value]
        case .pagerduty(let pagerduty): [pagerduty.routingKey.value]
        case .feishu(let feishu): feishu.secret.map { [$0.value] } ?? []
        default: []
        }
    }

    /// - Throws: ``ConfigurationError`` when the notifier refuses the settings (a retired Teams connector URL).
    func notifier(
        name: String, redactor: LogRedactor, httpClient: HTTPClient, now: @escaping @Sendable () -> Date, templates: MessageTemplates = MessageTemplates()
    ) throws -> any Notifier {
        switch self {
        case .teams(let teams):
            var configuration = TeamsConfiguration(url: teams.url.value, requestTimeout: teams.requestTimeout, logLines: teams.logLines)
            configuration.templates = templates
            do {
                return try TeamsNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
            } catch {
                throw ConfigurationError(file: "configuration", line: nil, key: "destinations.\(name).url", message: error.description)
            }
        case .discord(let discord):
            var configuration = DiscordConfiguration(
                url: discord.url.value, username: discord.username, avatarURL: discord.avatarURL, threadID: discord.threadID,
                requestTimeout: discord.requestTimeout, logLines: discord.logLines)
            configuration.templates = templates
            return DiscordNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .telegram(let telegram):
            var configuration = TelegramConfiguration(
                token: telegram.token.value, chatID: telegram.chatID, messageThreadID: telegram.messageThreadID, apiURL: telegram.apiURL,
                disableNotification: telegram.disableNotification, requestTimeout: telegram.requestTimeout, logLines: telegram.logLines)
            configuration.templates = templates
            configuration.tls = telegram.tls.options
            return TelegramNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .pagerduty(let pagerduty):
            var configuration = PagerDutyConfiguration(
                routingKey: pagerduty.routingKey.value, apiURL: pagerduty.apiURL, severity: pagerduty.severity.flatMap(PagerDutySeverity.init(rawValue:)),
                clientURL: pagerduty.clientURL, requestTimeout: pagerduty.requestTimeout, logLines: pagerduty.logLines,
                maximumLogBytes: pagerduty.maximumLogBytes)
            configuration.templates = templates
            return PagerDutyNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .mattermost(let mattermost):
            var configuration = MattermostConfiguration(
                url: mattermost.url.value, channel: mattermost.channel, username: mattermost.username, iconURL: mattermost.iconURL,
                requestTimeout: mattermost.requestTimeout, logLines: mattermost.logLines, tls: mattermost.tls.options)
            configuration.templates = templates
            return MattermostNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .googlechat(let chat):
            var configuration = GoogleChatConfiguration(url: chat.url.value, threads: chat.threads, requestTimeout: chat.requestTimeout, logLines: chat.logLines)
            configuration.templates = templates
            return GoogleChatNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .feishu(let feishu):
            var configuration = FeishuConfiguration(
                url: feishu.url.value, secret: feishu.secret?.value, keyword: feishu.keyword, requestTimeout: feishu.requestTimeout, logLines: feishu.logLines)
            configuration.templates = templates
            return FeishuNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        }
    }
}
