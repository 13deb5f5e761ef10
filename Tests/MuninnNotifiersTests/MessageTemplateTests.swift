import Foundation
import MuninnCore
import Testing

@testable import MuninnNotifiers

/// Compiling and checking templates: syntax errors and unknown variables with their line and column, the features left
/// out, and rendering with the destination's escaping instead of Mustache's HTML escaping.
@Suite struct MessageTemplateTests {
    @Test func rendersTheAlertsVariables() throws {
        let template = try MessageTemplate(
            "{{headline}}: {{namespace}}/{{pod}} ({{#workload}}{{kind}}/{{name}}{{/workload}}) exit {{exitCode}}{{#signalName}} {{.}}{{/signalName}}\n{{#events}}- {{.}}\n{{/events}}{{^precedingChange}}no change{{/precedingChange}}")
        var alert = Samples.crash()
        alert.signal = 9
        let text = template.render(AlertTemplateContext(alert: alert, markup: .plainText).values)
        #expect(text == "Container crashed: payments/api-7f9c (Deployment/api) exit 137 SIGKILL\n- BackOff: Back-off restarting failed container api\n- OOMKilling: Memory cgroup out of memory\nno change")
    }

    @Test func missingValuesAreAbsentSoSectionsHideThem() throws {
        let template = try MessageTemplate("{{pod}}{{#container}} container {{container}}{{/container}}{{^logs}} (no logs: {{logsUnavailable}}){{/logs}}")
        var alert = Samples.crash(logs: nil)
        alert.container = nil
        alert.logsUnavailableReason = "pod deleted"
        #expect(template.render(AlertTemplateContext(alert: alert, markup: .plainText).values) == "api-7f9c (no logs: pod deleted)")
    }

    @Test func bothMustacheFormsGiveTheDestinationsEscapingNotHTML() throws {
        let template = try MessageTemplate("{{reason}}|{{{reason}}}|{{&reason}}")
        var alert = Samples.crash()
        alert.reason = "a<b>&\"c\""
        #expect(template.render(AlertTemplateContext(alert: alert, markup: .plainText).values) == "a<b>&\"c\"|a<b>&\"c\"|a<b>&\"c\"")
        #expect(template.render(AlertTemplateContext(alert: alert, markup: .telegramHTML).values) == "a&lt;b&gt;&amp;\"c\"|a&lt;b&gt;&amp;\"c\"|a&lt;b&gt;&amp;\"c\"")
    }

    struct Failure: CustomTestStringConvertible, Sendable {
        var template: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { message }
    }

    static let failures: [Failure] = [
        Failure(template: "*{{headline}}*\n{{namespce}}", line: 2, column: 1,
            message: "unknown variable 'namespce' (did you mean 'namespace'?); the variables are listed in docs/templates.md"),
        Failure(template: "{{workload.kinds}}", line: 1, column: 1,
            message: "unknown variable 'workload.kinds' (did you mean 'kind'?); the variables are listed in docs/templates.md"),
        Failure(template: "{{#events}}{{reason}} {{path}}{{/events}}", line: 1, column: 23,
            message: "unknown variable 'path'; the variables are listed in docs/templates.md"),
        Failure(template: "ok\n  {{#events}}\n{{/event}}", line: 3, column: 4, message: "this closing tag does not match the section it closes"),
        Failure(template: "{{#logs}}\nno end", line: 2, column: 7, message: "a section is not closed (missing {{/name}})"),
        Failure(template: "a\n{{> header}}", line: 2, column: 1, message: "partials ({{>name}}) are not supported in Muninn templates"),
        Failure(template: "{{uppercased(pod)}}", line: 1, column: 1, message: "transforms such as 'uppercased(pod)' are not supported in Muninn templates"),
        Failure(template: "{{.}}", line: 1, column: 1, message: "'{{.}}' only means something inside a list section such as {{#events}}"),
        Failure(template: "{{=<% %>=}}<% pod %> <% nodes %>", line: 1, column: 22,
            message: "unknown variable 'nodes' (did you mean 'node'?); the variables are listed in docs/templates.md"),
    ]

    @Test(arguments: failures)
    func mistakesAreLocated(_ failure: Failure) {
        #expect(throws: TemplateError(line: failure.line, column: failure.column, message: failure.message)) { try MessageTemplate(failure.template) }
    }

    @Test func precedingChangeAndDashboardLink() throws {
        let template = try MessageTemplate(
            "{{#precedingChange}}{{sentence}}\n{{#fieldChanges}}{{path}}: {{old}} -> {{new}}\n{{/fieldChanges}}{{diff}}{{/precedingChange}}\n<{{dashboardURL}}|open>")
        let values = AlertTemplateContext(alert: TemplateSample.alert, markup: .slackMrkdwn, dashboardURL: "https://muninn.example.com/").values
        let text = template.render(values)
        #expect(text.hasPrefix("Started crashing 2 minutes after image changed 1.4.1 -&gt; 1.4.2 (by kubectl-client-side-apply at "))
        #expect(text.contains("spec.template.spec.containers[name=api].image: 1.4.1 -> 1.4.2\n```\n-        image: registry.example/api:1.4.1\n"))
        #expect(text.hasSuffix("<https://muninn.example.com/incidents/uid-1234%2Fapi%2Fcontainerd%3A%2F%2Fabc|open>"))
    }
}
