import Foundation
import MuninnCore
import Testing

@testable import MuninnNotifiers

@Suite struct ChatPacingTests {
    @Test func eachChatDestinationDeclaresItsDocumentedPace() throws {
        let notifiers: [any Notifier] = [
            try TeamsNotifier(name: "t", configuration: TeamsConfiguration(url: "https://example.logic.azure.com/workflows/x/triggers/manual/paths/invoke?api-version=1&sig=s")),
            DiscordNotifier(name: "d", configuration: DiscordConfiguration(url: "https://discord.com/api/webhooks/1/x")),
            TelegramNotifier(name: "tg", configuration: TelegramConfiguration(token: "1:x", chatID: "-100")),
            PagerDutyNotifier(name: "p", configuration: PagerDutyConfiguration(routingKey: String(repeating: "k", count: 32))),
            MattermostNotifier(name: "m", configuration: MattermostConfiguration(url: "https://chat.example.com/hooks/x")),
            GoogleChatNotifier(name: "g", configuration: GoogleChatConfiguration(url: "https://chat.googleapis.com/v1/spaces/A/messages?key=k&token=t")),
            FeishuNotifier(name: "f", configuration: FeishuConfiguration(url: "https://open.feishu.cn/open-apis/bot/v2/hook/x")),
        ]
        #expect(notifiers.map(\.pacing.perDestination) == [.seconds(1), .seconds(2), .seconds(3), .milliseconds(500), .milliseconds(200), .seconds(1), .milliseconds(600)])
        #expect(notifiers.allSatisfy { $0.pacing.perChannel == nil })
    }
}
