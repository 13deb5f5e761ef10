import Foundation
import MuninnCore
import Testing

@testable import MuninnNotifiers

@Suite struct PacingTests {
    @Test func eachDestinationDeclaresItsPace() throws {
        let slack = SlackNotifier(name: "s", configuration: SlackConfiguration(token: "xoxb-test"))
        #expect(slack.pacing == DeliveryPacing(perChannel: .seconds(1)))
        #expect(SlackWebhookNotifier(name: "h", url: "https://hooks.slack.com/services/T/B/X").pacing == DeliveryPacing(perDestination: .seconds(1)))
        let dingtalk = try DingTalkNotifier(name: "d", configuration: DingTalkConfiguration(token: "robot-token"))
        #expect(dingtalk.pacing == DeliveryPacing(perDestination: .seconds(3)))
        #expect(WebhookNotifier(name: "w", configuration: WebhookConfiguration(url: "https://example.com/hook")).pacing == .unpaced)
        #expect(ConsoleNotifier().pacing == .unpaced)
        // Through the protocol, as the delivery stage sees them.
        let notifiers: [any Notifier] = [slack, dingtalk, ConsoleNotifier()]
        #expect(notifiers.map(\.pacing.description) == ["at least 1.0 seconds per channel", "at least 3.0 seconds per destination", "unpaced"])
    }

    @Test func theDelayIsTheLongerOfTheTwoWaits() {
        let pacing = DeliveryPacing(perChannel: .seconds(1), perDestination: .seconds(3))
        #expect(pacing.delay(sinceChannel: nil, sinceDestination: nil) == .zero)
        #expect(pacing.delay(sinceChannel: .milliseconds(400), sinceDestination: .seconds(10)) == .milliseconds(600))
        #expect(pacing.delay(sinceChannel: .milliseconds(400), sinceDestination: .milliseconds(500)) == .milliseconds(2_500))
        #expect(pacing.delay(sinceChannel: .seconds(2), sinceDestination: .seconds(3)) == .zero)
        #expect(DeliveryPacing.unpaced.delay(sinceChannel: .zero, sinceDestination: .zero) == .zero)
    }

    @Test func pacingSurvivesTheStore() throws {
        let pacing = DeliveryPacing(perChannel: .seconds(1), perDestination: .milliseconds(250))
        #expect(try JSONDecoder().decode(DeliveryPacing.self, from: JSONEncoder().encode(pacing)) == pacing)
    }
}
