import Foundation
import MuninnCore
import Testing

@testable import Muninn

/// `changes:` of Muninn's YAML: resources, the chain, retries and the crash-link window, with errors naming the
/// key path and line.
@Suite struct ChangesConfigurationTests {
    @Test func everyHandlerAndResourceForm() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("hook-secret", "whsec_abc\n")
        try files.write("slack-url", "https://hooks.slack.com/services/T/B/X\n")
        let yaml = """
            destinations:
              ops:
                type: console
            changes:
              resources:
                - deployments
                - name: configmaps
                  namespaces: [shop, payments]
                  labelSelector: app=web
                  ignorePaths: [data.generated]
                - name: hpa
                  honourAnnotation: false
              chain:
                - diff:
                    ignorePaths: ["spec.replicas"]
                - log
                - ignoreEvents: [Add]
                - slack:
                    webhookURLFile: slack-url
                    clusterName: prod
                - slack:
                    token: xoxb-1
                    channel: "#changes"
                - webhook:
                    url: https://hooks.example.com/changes
                    secretFile: hook-secret
                - exec:
                    command: [/usr/local/bin/notify, --quiet]
                    timeout: 5s
                - destination: ops
              attempts: 3
              crashLinkWindow: 45m
            """
        let path = try files.write("muninn.yaml", yaml)
        let configuration = try MuninnConfiguration.load(file: path)
        let changes = try #require(configuration.changes)
        #expect(changes.source == .yaml(file: path))
        #expect(changes.settings.resources == [
            WatchedResource(name: "deployments"),
            WatchedResource(name: "configmaps", namespaces: ["shop", "payments"], labelSelector: "app=web", policy: DiffPolicy(ignoredPaths: ["data.generated"])),
            WatchedResource(name: "hpa", policy: DiffPolicy(honoursAnnotation: false)),
        ])
        #expect(changes.settings.chain == [
            .diff(extraIgnoredPaths: ["spec.replicas"]), .log, .ignoreEvents([.added]),
            .slack(SlackChangeTarget(webhookURL: "https://hooks.slack.com/services/T/B/X", clusterName: "prod")),
            .slack(SlackChangeTarget(token: "xoxb-1", channel: "#changes")),
            .webhook(url: "https://hooks.example.com/changes", secret: "whsec_abc"),
            .exec(command: ["/usr/local/bin/notify", "--quiet"], timeoutSeconds: 5),
            .destination(name: "ops"),
        ])
        #expect(changes.settings.attempts == 3)
        #expect(changes.settings.crashLinkWindowSeconds == 2700)
    }

    @Test func defaultsWithoutAChain() throws {
        let configuration = try MuninnConfiguration.parse("changes:\n  resources: [deploy]\n", file: "m.yaml")
        #expect(configuration.changes?.settings.chain == [.diff(extraIgnoredPaths: []), .log])
        #expect(configuration.changes?.settings.crashLinkWindowSeconds == 1800)
        #expect(try MuninnConfiguration.parse("cluster:\n  name: a\n", file: "m.yaml").changes == nil)
    }

    @Test func drainTimeoutForAChangeInTheChainAtShutdown() throws {
        func drain(_ line: String) throws -> Int? {
            try MuninnConfiguration.parse("changes:\n  resources: [deploy]\n" + line, file: "m.yaml").changes?.settings.drainTimeoutSeconds
        }
        #expect(try drain("") == 10)
        #expect(try drain("  drainTimeout: 25s\n") == 25)
        #expect(try drain("  drainTimeout: off\n") == 0)
        #expect(throws: ConfigurationError.self) { try drain("  drainTimeout: soon\n") }
    }

    @Test(arguments: [
        ("changes:\n  resources: [deploymnet]\n", 2, "changes.resources[0]", "unknown resource 'deploymnet'; did you mean 'deployment'?"),
        ("changes:\n  resources: [deploy]\n  chain:\n    - slak:\n        webhookURL: https://x.example\n", 4, "changes.chain[0].slak", "unknown handler 'slak'; did you mean 'slack'?"),
        ("changes:\n  resources: [deploy]\n  chain:\n    - ignoreEvents: [add]\n", 4, "changes.chain[0].ignoreEvents[0]", "unknown event 'add'; did you mean 'Add'?"),
        ("changes:\n  resources: [deploy]\n  chain:\n    - destination: nowhere\n", 4, "changes.chain[0].destination", "no destination named 'nowhere'"),
        ("changes:\n  resources:\n    - name: deploy\n      ignorePaths: [\"spec..replicas\"]\n", 4, "changes.resources[0].ignorePaths", "'spec..replicas' is not a field path"),
        ("changes:\n  resources: [deploy]\n  chain:\n    - slack:\n        token: xoxb-1\n", 5, "changes.chain[0].slack", "a bot token needs a channel"),
        ("changes:\n  resources: [deploy]\n  chain:\n    - exec:\n        command: []\n", 5, "changes.chain[0].exec.command", "must name a program"),
        ("changes:\n  resources: [deploy]\n  attempt: 3\n", 3, "changes.attempt", "unknown key; did you mean 'attempts'?"),
        ("changes:\n  chain: [log]\n", 2, "changes", "missing resources"),
    ] as [(String, Int, String, String)])
    func mistakesNameKeyAndLine(yaml: String, line: Int, key: String, message: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.parse(yaml, file: "m.yaml") }
        #expect(error.line == line, "\(error)")
        #expect(error.key == key, "\(error)")
        #expect(error.message.hasPrefix(message), "\(error)")
    }

    @Test func kwatchmanConfigFromTheYAML() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("kwatchman.toml", KwatchmanConfigTests.readmeExample)
        let path = try files.write("muninn.yaml", "changes:\n  kwatchmanConfig: kwatchman.toml\n  crashLinkWindow: 10m\n")
        let changes = try #require(try MuninnConfiguration.load(file: path).changes)
        #expect(changes.source == .kwatchman(file: files.path("kwatchman.toml")))
        #expect(changes.settings.chain.count == 4)
        #expect(changes.settings.crashLinkWindowSeconds == 600)

        let both = try files.write("both.yaml", "changes:\n  kwatchmanConfig: kwatchman.toml\n  resources: [deploy]\n")
        #expect(throws: ConfigurationError.self) { try MuninnConfiguration.load(file: both) }
    }

    @Test func checkConfigSummaryNeverShowsSecrets() throws {
        let yaml = """
            changes:
              resources:
                - name: secrets
                  namespaces: [shop]
              chain:
                - diff
                - slack:
                    webhookURL: https://hooks.slack.com/services/T000/B000/SECRETPART
                - webhook:
                    url: https://hooks.example.com/x
                    secret: whsec_topsecret
            """
        let configuration = try MuninnConfiguration.parse(yaml, file: "m.yaml")
        let lines = ConfigurationSummary(configuration: configuration).lines
        let text = lines.joined(separator: "\n")
        #expect(!text.contains("SECRETPART"))
        #expect(!text.contains("topsecret"))
        #expect(lines.contains("change watch (from m.yaml, changes:):"))
        #expect(lines.contains("  resource secrets: namespaces shop"))
        #expect(lines.contains("  2. slack incoming webhook [changes.chain[1].slack.webhookURL: set (inline)]"))
        #expect(lines.contains("  crash link: changes up to 30m before a crash"))
        #expect(lines.contains("  at shutdown: a change in the chain may finish for up to 10s"))
    }
}
