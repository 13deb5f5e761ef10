import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import MuninnCore
import NotifierFakes
import Testing

/// What a cluster can send that nobody meant: a pod carrying a 5 MB annotation, a crash whose reason and message
/// are chat markup and mentions, a log of binary noise and invalid UTF-8. Through the real client, pipeline and
/// notifiers to receivers that enforce Slack's and the webhook's rules: one readable alert, nothing rendered as
/// markup, nobody mentioned.
@Suite(.timeLimit(.minutes(3)))
struct HostileObjectsEndToEndTests {
    static let markupReason = "<!channel> *Boom* `x`"
    static let markupMessage = "@here <@U12345> <https://evil.example|click here> ```\nbreak out``` [link](https://evil.example)"

    static func strings(in value: JSONValue) -> [String] {
        switch value {
        case .string(let string): [string]
        case .array(let array): array.flatMap(strings(in:))
        case .object(let object): object.flatMap { strings(in: $0.value) }
        default: []
        }
    }

    @Test func aHugePodWithMarkupInItsCrashGivesOneReadableInertAlert() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 10) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: AlertPipelineEndToEndTests.webhookKey)) { webhook, webhookURL in
                    let harness = try PipelineHarness(
                        yaml: AlertPipelineEndToEndTests.yaml(slackURL: slackURL, webhookURL: webhookURL), cluster: cluster,
                        storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                    let api = try cluster.podName(of: "api", in: "prod")
                    let huge: JSONValue = ["metadata": ["annotations": ["example.com/huge": .string(String(repeating: "a", count: 5 << 20))]]]
                    // In the first list already, and again in the watch right after the crash.
                    _ = try cluster.simulator.patch(.pods, namespace: "prod", name: api, huge)
                    try await harness.running {
                        let exit = ContainerExit(exitCode: 2, reason: Self.markupReason, message: Self.markupMessage, lastWords: .hostile)
                        try cluster.perform(.crash(target: "prod/\(api)", exit: exit))
                        _ = try cluster.simulator.patch(.pods, namespace: "prod", name: api, huge)
                        let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                        #expect(deliveries.count == 1, "\(deliveries.map(\.payload))")
                        let payload = try #require(deliveries.first?.payload)
                        // The webhook carries the text as data, unchanged.
                        #expect(payload["pod"]?.stringValue == api)
                        #expect(payload["reason"]?.stringValue == Self.markupReason)
                        #expect(payload["exitCode"]?.intValue == 2)

                        let messages = try await slack.waitForMessages(2)
                        let alert = try #require(messages.first { $0.text?.contains(api) == true })
                        // Every string Slack would render: the text and each block's text, as sent.
                        let rendered = Self.strings(in: alert.body).joined(separator: "\n")
                        // Readable: who crashed and how.
                        #expect(rendered.contains(api) && rendered.contains("2"))
                        // Inert: no mention, link or broadcast reaches Slack's parser.
                        for markup in ["<!channel>", "<@U12345>", "<https://evil.example", "<!here>"] {
                            #expect(!rendered.contains(markup), "\(markup) reached Slack as markup")
                        }
                        #expect(rendered.contains("&lt;!channel&gt;"), "the reason is shown, escaped")
                    }
                }
            }
        }
    }
}
