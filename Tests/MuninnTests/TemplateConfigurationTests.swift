import ArgumentParser
import Foundation
import MuninnCore
import MuninnNotifiers
import Testing

@testable import Muninn

/// `template:` and `templateFile:` of destinations: the parts each type has, files, and mistakes named by key, line and
/// the template's own line and column, by the loader and by `check-config`.
@Suite struct TemplateConfigurationTests {
    @Test func inlinePartsAndFilesAreCompiledAndReachTheNotifiers() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("templates/telegram.mustache", "<b>{{title}}</b>\n{{logs}}\n")
        let yaml = """
            destinations:
              slack:
                type: slack
                token: xoxb-1
                defaultChannel: "#alerts"
                template:
                  title: "{{headline}}: {{pod}}"
                  text: |
                    *{{reason}}* in `{{namespace}}`
                    {{logs}}
              telegram:
                type: telegram
                token: "1:abc"
                chatID: "-100"
                templateFile: templates/telegram.mustache
              hook:
                type: slackWebhook
                url: https://hooks.slack.com/services/T/B/X
                template:
                  change: "*{{verb}}* {{kind}} {{namespace}}/{{name}}\\n{{diff}}"
              pd:
                type: pagerduty
                routingKey: \(ChatDestinationConfigurationTests.routingKey)
                template: "[{{cluster}}] {{summary}}"
              plain:
                type: discord
                url: https://discord.com/api/webhooks/1/x
            """
        let configuration = try MuninnConfiguration.load(file: try files.write("muninn.yaml", yaml))
        let byName = Dictionary(uniqueKeysWithValues: configuration.destinations.map { ($0.name, $0.templates) })
        #expect(byName["slack"]?.title?.source == "{{headline}}: {{pod}}")
        #expect(byName["slack"]?.text?.source == "*{{reason}}* in `{{namespace}}`\n{{logs}}\n")
        #expect(byName["telegram"]?.text?.source == "<b>{{title}}</b>\n{{logs}}\n")
        #expect(byName["pd"]?.title?.source == "[{{cluster}}] {{summary}}")
        #expect(byName["plain"]?.isEmpty == true)
        #expect(byName["hook"]?.change?.source == "*{{verb}}* {{kind}} {{namespace}}/{{name}}\n{{diff}}" && byName["hook"]?.isEmpty == true)
        let lines = ConfigurationSummary(configuration: configuration).destinationLines
        #expect(lines.contains("  slack (slack): token: set (inline), default channel: #alerts, template: title, text"))
        #expect(lines.contains("  pd (pagerduty): routing key: set (inline), severity: by alert kind, template: summary"))
        let notifiers = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
        #expect((notifiers["slack"] as? SlackNotifier)?.configuration.templates.title?.source == "{{headline}}: {{pod}}")
        #expect((notifiers["telegram"] as? TelegramNotifier)?.configuration.templates.text != nil)
        #expect((notifiers["pd"] as? PagerDutyNotifier)?.configuration.templates.title != nil)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var yaml: String
        var line: Int
        var key: String
        var message: String
        var testDescription: String { message }
    }

    static let slack = "destinations:\n  s:\n    type: slack\n    token: x\n"
    static let cases: [Case] = [
        Case(yaml: slack + "    template: |\n      *{{reason}}*\n      {{podd}}\n", line: 5, key: "destinations.s.template",
            message: "line 2, column 1: unknown variable 'podd' (did you mean 'pod'?); the variables are listed in docs/templates.md"),
        Case(yaml: slack + "    template:\n      title: \"{{#pod}}x\"\n", line: 6, key: "destinations.s.template.title",
            message: "line 1, column 10: a section is not closed (missing {{/name}})"),
        Case(yaml: slack + "    template:\n      summary: x\n", line: 6, key: "destinations.s.template.summary",
            message: "unknown key (allowed: change, text, title)"),
        Case(yaml: slack + "    template: {text: a}\n    templateFile: {text: /nonexistent/t.mustache}\n", line: 6, key: "destinations.s.templateFile.text",
            message: "the text template is given both inline (template) and as a file (templateFile)"),
        Case(yaml: slack + "    templateFile: /nonexistent/t.mustache\n", line: 5, key: "destinations.s.templateFile",
            message: "no such file: /nonexistent/t.mustache"),
        Case(yaml: slack + "    template: \"{{#repeated}}again{{/repeated}}\"\n", line: 5, key: "destinations.s.template",
            message: "renders to blank text for the sample crash alert"),
        Case(yaml: "destinations:\n  t:\n    type: telegram\n    token: '1:abc'\n    chatID: '-100'\n    template: \"<div>{{pod}}</div>\"\n", line: 6,
            key: "destinations.t.template",
            message: "renders to text the destination refuses for the sample alert: tag <div> is not supported here (supported: a, b, blockquote, code, del, em, i, ins, pre, s, span, strike, strong, tg-emoji, tg-spoiler, u)"),
        Case(yaml: "destinations:\n  t:\n    type: telegram\n    token: '1:abc'\n    chatID: '-100'\n    template: {title: x}\n", line: 6,
            key: "destinations.t.template.title", message: "unknown key (allowed: text)"),
        Case(yaml: slack + "    template:\n      change: \"{{verb}} {{pod}}\"\n", line: 6, key: "destinations.s.template.change",
            message: "line 1, column 10: unknown variable 'pod'; the variables are listed in docs/templates.md"),
        Case(yaml: "destinations:\n  w:\n    type: webhook\n    url: https://example.com/hook\n    template: x\n", line: 5, key: "destinations.w.template",
            message: "webhook payloads are not templated: their JSON schema is fixed (version \"1\") so receivers can rely on it; reshape it in the receiver"),
        Case(yaml: "destinations:\n  e:\n    type: elasticsearch\n    url: https://es.example:9200\n    templateFile: t\n", line: 5, key: "destinations.e.templateFile",
            message: "elasticsearch exports are not templated: their documents have a fixed schema that searches and dashboards rely on"),
    ]

    @Test(arguments: cases)
    func mistakesNameTheKeyLineAndTemplatePosition(_ example: Case) throws {
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.parse(example.yaml, file: "muninn.yaml") }
        #expect(error.message == example.message)
        #expect(error.key == example.key)
        #expect(error.line == example.line)
    }

    @Test func aTemplateFileErrorNamesTheFile() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let path = try files.write("slack.mustache", "ok\n\n  {{nod}}\n")
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse(Self.slack + "    templateFile: \(path)\n", file: "muninn.yaml")
        }
        #expect(error.key == "destinations.s.templateFile")
        #expect(error.message == "\(path) line 3, column 3: unknown variable 'nod' (did you mean 'node'?); the variables are listed in docs/templates.md")
    }

    /// docs/templates.md lists every variable a template may use, for alerts and for changes.
    @Test func theDocumentationListsEveryVariable() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let documentation = try String(contentsOf: repository.appendingPathComponent("docs/templates.md"), encoding: .utf8)
        func names(_ schema: [String: TemplateSchema], prefix: String = "") -> [String] {
            schema.flatMap { name, shape -> [String] in
                switch shape {
                case .object(let members): names(members, prefix: prefix + name + ".")
                default: [prefix + name]
                }
            }
        }
        for name in names(AlertTemplateContext.schema) + names(ChangeTemplateContext.schema) {
            let last = name.split(separator: ".").last.map(String.init) ?? name
            #expect(documentation.contains("`\(name)`") || documentation.contains("`.\(last)`") || documentation.contains("`\(name),"),
                "docs/templates.md does not list \(name)")
        }
    }

    @Test func checkConfigFailsOnABadTemplate() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kubeconfig = try files.write("kubeconfig", CheckConfigCommandTests.kubeconfig)
        let config = try files.write("muninn.yaml", Self.slack + "    template: \"{{pod}} {{unknown}}\"\n")
        let command = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", config, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        await #expect(throws: ExitCode.failure) { try await command.run() }
        let good = try files.write("good.yaml", Self.slack + "    defaultChannel: '#a'\n    template: \"{{pod}} {{reason}}\"\n")
        let accepted = try #require(try MuninnCommand.parseAsRoot(["check-config", "--config", good, "--kubeconfig", kubeconfig]) as? CheckConfigCommand)
        try await accepted.run()
    }
}
