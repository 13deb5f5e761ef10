import Foundation
import KubeJSON
import KubeletModel
import MuninnCore
import NotifierFakes
import Testing

/// Templated destinations behind the real pipeline (simulator, client, detector, SQLite outbox, enrichment, routing,
/// notifier): a Slack bot and a Telegram bot configured with `template:` in YAML receive the OOM kill rendered by their
/// templates, at fakes that enforce Block Kit's limits and parse Telegram's HTML strictly.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TemplatesEndToEndTests {
    @Test func slackAndTelegramRenderTheirTemplates() async throws {
        try await TestCluster.with(scenario: AlertPipelineEndToEndTests.quietScenario, playFor: 10) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeTelegram { telegram, telegramURL in
                    try await withFakeWebhook(FakeWebhookReceiver(key: AlertPipelineEndToEndTests.webhookKey)) { webhook, webhookURL in
                        let yaml = """
                            cluster:
                              name: e2e
                            alerts:
                              notReadyAfter: off
                              flood:
                                expiry: off
                            destinations:
                              audit:
                                type: webhook
                                url: \(webhookURL)
                                secret: \(AlertPipelineEndToEndTests.webhookSecret)
                              slack:
                                type: slack
                                token: xoxb-test
                                apiURL: \(slackURL)
                                defaultChannel: "#alerts"
                                uploadLogs: false
                                template:
                                  title: "{{headline}} in {{namespace}} [{{cluster}}]"
                                  text: |
                                    *{{reason}}* on `{{pod}}`{{#exitCode}} (exit {{exitCode}}){{/exitCode}}
                                    {{#workload}}Workload: {{kind}}/{{name}}{{/workload}}
                                    {{#logs}}*Logs*
                                    {{logs}}{{/logs}}
                              telegram:
                                type: telegram
                                token: "\(telegram.snapshot.token)"
                                chatID: "-1001234567890"
                                apiURL: \(telegramURL)
                                template: |
                                  <b>{{title}}</b>
                                  {{reason}} · {{#workload}}{{kind}}/{{name}}{{/workload}} · <i>{{cluster}}</i>
                            """
                        let harness = try PipelineHarness(yaml: yaml, cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                        try await harness.running {
                            let pod = try cluster.podName(of: "api", in: "prod")
                            try cluster.perform(.oom(target: "prod/\(pod)"))
                            let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                            #expect(deliveries.map { $0.payload["reason"]?.stringValue } == ["OOMKilled"])
                            let messages = try await slack.waitForMessages(2)
                            let oom = try #require(messages.first { $0.blocks.first?[path: ["text", "text"]]?.stringValue == "Container crashed in prod [e2e]" && $0.text?.contains("e2e") == true })
                            let body = oom.blocks.dropFirst().compactMap { $0[path: ["text", "text"]]?.stringValue }.joined(separator: "\n")
                            #expect(body.hasPrefix("*OOMKilled* on `\(pod)` (exit 137)\nWorkload: Deployment/api"))
                            #expect(slack.snapshot.pings.isEmpty)

                            let sent = try await telegram.waitForMessages(2)
                            let visible = sent.map(\.visibleText)
                            #expect(visible.contains { $0.hasPrefix("Container crashed: prod/\(pod)\nOOMKilled · Deployment/api · e2e") }, "\(visible)")
                            #expect(sent.allSatisfy { Set($0.tags) == ["b", "i"] })
                        }
                    }
                }
            }
        }
    }
}
