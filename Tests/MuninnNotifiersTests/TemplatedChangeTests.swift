import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// Change-watch messages with a `change` template: the change variables, escaping, and the diff cut to the limit.
@Suite(.timeLimit(.minutes(1))) struct TemplatedChangeTests {
    static func template() throws -> MessageTemplates {
        MessageTemplates(
            change: try MessageTemplate(
                "*{{verb}}* {{kind}} `{{namespace}}/{{name}}` by {{changedBy}}\n{{#fieldChanges}}• {{path}}: {{old}} → {{new}}\n{{/fieldChanges}}{{diff}}{{#diffCut}}\n_{{diffCut}}_{{/diffCut}}",
                schema: ChangeTemplateContext.schema))
    }

    @Test func aChangeTemplateChecksItsOwnVariables() {
        #expect(throws: TemplateError(line: 1, column: 1, message: "unknown variable 'pod'; the variables are listed in docs/templates.md")) {
            try MessageTemplate("{{pod}}", schema: ChangeTemplateContext.schema)
        }
    }

    @Test func slackWebhookRendersTheChangeTemplate() async throws {
        try await withFakeSlackWebhook { hook, url in
            var change = ChangeSamples.update()
            change.diff.fieldChanges[0].new = "shop/api:1.1 <!channel> *x*"
            _ = try await SlackWebhookNotifier(name: "hook", url: url, templates: try Self.template()).sendChange(change, to: DeliveryTarget(), logger: Samples.logger)
            let payload = try #require(hook.payloads.first)
            #expect(payload["text"]?.stringValue == "UPDATE Deployment shop/api")
            let text = payload["blocks"]?.arrayValue?.compactMap { $0[path: ["text", "text"]]?.stringValue }.joined() ?? ""
            #expect(text.hasPrefix("*UPDATE* Deployment `shop/api` by kubectl-client-side-apply\n• spec.template.spec.containers[name=api].image: shop/api:1.0 → shop/api:1.1 &lt;!channel&gt; \u{200B}*\u{200B}x\u{200B}*\u{200B}\n```\n--- before"))
            #expect(hook.snapshot.pings.isEmpty)
        }
    }

    @Test func slackBotCutsALongDiffAndUploadsItWhole() async throws {
        try await withFakeSlack { slack, url in
            var configuration = SlackConfiguration(token: "xoxb-test", apiURL: url, defaultChannel: "#alerts", requestTimeout: .seconds(10))
            configuration.templates = try Self.template()
            let receipt = try await SlackNotifier(name: "s", configuration: configuration).sendChange(
                ChangeSamples.update(diffLines: 400), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(slack.messages.first)
            let sections = message.blocks.compactMap { $0[path: ["text", "text"]]?.stringValue }
            #expect(sections.reduce(0) { $0 + $1.count } <= 12_000)
            #expect(sections.joined().contains("more lines of the diff not shown"))
            #expect(receipt.note?.hasPrefix("diff uploaded as file") == true)
        }
    }

    @Test func dingTalkChangeTemplateKeepsTheKeyword() async throws {
        let fake = FakeDingTalk(robots: ["robot-token": FakeDingTalkRobot(secret: nil, keywords: ["Kubernetes"])], now: { Samples.occurredAt })
        try await withFakeDingTalk(fake) { dingtalk, url in
            var configuration = DingTalkConfiguration(token: "robot-token", apiURL: url, requestTimeout: .seconds(10))
            configuration.templates = MessageTemplates(change: try MessageTemplate("**{{verb}}** {{summary}}\n\n{{diff}}", schema: ChangeTemplateContext.schema))
            _ = try await DingTalkNotifier(name: "d", configuration: configuration, now: { Samples.occurredAt }).sendChange(
                ChangeSamples.update(diffLines: 2_000), to: DeliveryTarget(), logger: Samples.logger)
            let message = try #require(dingtalk.accepted.first)
            let text = try #require(message.markdownText)
            #expect(text.hasPrefix("#### Kubernetes\n\n**UPDATE** UPDATE Deployment shop/api\n\n> \\--- before"))
            #expect(message.body.serialized().count <= 20_000)
        }
    }
}
