import ArgumentParser
import Foundation
import MuninnCore
import Testing

@testable import Muninn

/// A kwatchman file named outside the YAML (`KW_CONFIG_FILE`, `--kwatchman-config`) and the YAML's own `changes:`
/// block both apply; a conflict between them is an error naming both (docs/changes.md).
@Suite struct KwatchmanMergeTests {
    static let kwatchmanChain: [ChangeHandlerSpec] = [
        .diff(extraIgnoredPaths: []), .log, .ignoreEvents([.added, .deleted]),
        .slack(SlackChangeTarget(webhookURL: "https://slack-webhook-url", token: nil, channel: nil, clusterName: "myClusterName")),
    ]
    static let kwatchmanKinds = ["deployment", "service", "statefulset", "daemonset", "ingress"]

    /// kwatchman's README file and a Muninn YAML with `changes`, resolved as `muninn run --config` does.
    private func resolve(
        yaml: String, environment: [String: String] = [:], flag: Bool = false, _ check: (MuninnConfiguration, TemporaryFiles) throws -> Void
    ) throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kwatchman = try files.write("kwatchman.toml", KwatchmanConfigTests.readmeExample)
        let config = try files.write("muninn.yaml", yaml)
        var arguments = ["--config", config]
        var variables = environment
        if flag { arguments += ["--kwatchman-config", kwatchman] } else { variables["KW_CONFIG_FILE"] = kwatchman }
        try check(try GlobalOptions.parse(arguments).resolve(environment: variables), files)
    }

    private func resolutionError(yaml: String, environment: [String: String] = [:], flag: Bool = false) throws -> ConfigurationError {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let kwatchman = try files.write("kwatchman.toml", KwatchmanConfigTests.readmeExample)
        try files.write("other.toml", KwatchmanConfigTests.readmeExample)
        let config = try files.write("muninn.yaml", yaml)
        var arguments = ["--config", config]
        var variables = environment
        if flag { arguments += ["--kwatchman-config", kwatchman] } else { variables["KW_CONFIG_FILE"] = kwatchman }
        return try #require(throws: ConfigurationError.self) { try GlobalOptions.parse(arguments).resolve(environment: variables) }
    }

    /// The bug: the YAML's `changes:` replaced the file named by `KW_CONFIG_FILE`, and its watches were lost.
    @Test(arguments: [false, true])
    func yamlResourcesAreWatchedBesideTheKwatchmanFile(flag: Bool) throws {
        let yaml = "changes:\n  resources:\n    - name: configmaps\n      namespaces: [shop]\n  attempts: 2\n"
        try resolve(yaml: yaml, environment: ["KW_NAMESPACE": "prod"], flag: flag) { configuration, files in
            let changes = try #require(configuration.changes)
            #expect(changes.settings.resources.map(\.name) == Self.kwatchmanKinds + ["configmaps"])
            // KW_NAMESPACE scopes the kwatchman file's resources only.
            #expect(changes.settings.resources.dropLast().allSatisfy { $0.namespaces == ["prod"] })
            #expect(changes.settings.resources.last?.namespaces == ["shop"])
            // Without a chain of its own, the YAML's resources run through the file's handlers.
            #expect(changes.settings.chain == Self.kwatchmanChain)
            #expect(changes.settings.attempts == 2)
            #expect(changes.source == .merged(yaml: files.path("muninn.yaml"), kwatchman: files.path("kwatchman.toml")))
            let summary = ChangeWatchSummary(configuration: changes, kwatchman: configuration.kwatchman).lines
            #expect(summary.first == "change watch (kwatchman config \(files.path("kwatchman.toml")), and from \(files.path("muninn.yaml")), changes:):")
            #expect(!summary.joined().contains("slack-webhook-url"))
        }
    }

    @Test func settingsOnlyApplyToTheKwatchmanFile() throws {
        try resolve(yaml: "changes:\n  crashLinkWindow: 10m\n  drainTimeout: off\n") { configuration, files in
            let changes = try #require(configuration.changes)
            #expect(changes.source == .kwatchman(file: files.path("kwatchman.toml")))
            #expect(changes.settings.resources.map(\.name) == Self.kwatchmanKinds)
            #expect(changes.settings.chain == Self.kwatchmanChain)
            #expect(changes.settings.crashLinkWindowSeconds == 600 && changes.settings.drainTimeoutSeconds == 0)
        }
    }

    /// Before the fix, a YAML without `changes:` already kept the file: it still does.
    @Test func yamlWithoutChangesKeepsTheKwatchmanFile() throws {
        try resolve(yaml: "cluster:\n  name: prod\n") { configuration, files in
            #expect(configuration.changes?.source == .kwatchman(file: files.path("kwatchman.toml")))
            #expect(configuration.changes?.settings.resources.map(\.name) == Self.kwatchmanKinds)
        }
    }

    @Test func theSameChainOrTheSameFileIsNoConflict() throws {
        let sameChain = """
            changes:
              resources: [configmaps, {name: deployment}]
              chain:
                - diff
                - log
                - ignoreEvents: [Add, Delete]
                - slack: {webhookURL: "https://slack-webhook-url", clusterName: myClusterName}
            """
        try resolve(yaml: sameChain) { configuration, _ in
            // `deployment`, unscoped in both, is watched once.
            #expect(configuration.changes?.settings.resources.map(\.name) == Self.kwatchmanKinds + ["configmaps"])
            #expect(configuration.changes?.settings.chain == Self.kwatchmanChain)
        }
        try resolve(yaml: "changes:\n  kwatchmanConfig: ./kwatchman.toml\n  attempts: 1\n") { configuration, files in
            #expect(configuration.changes?.source == .kwatchman(file: files.path("kwatchman.toml")))
            #expect(configuration.changes?.settings.attempts == 1)
        }
    }

    @Test(arguments: [false, true])
    func anotherChainIsAConflictNamingBothPlaces(flag: Bool) throws {
        let error = try resolutionError(yaml: "changes:\n  resources: [configmaps]\n  chain: [diff, log]\n", flag: flag)
        #expect(error.key == "changes.chain" && error.line == 3, "\(error)")
        #expect(error.message.hasPrefix("differs from the handlers of the kwatchman file "), "\(error)")
        #expect(error.message.contains("kwatchman.toml (\(flag ? "--kwatchman-config" : "KW_CONFIG_FILE"))"), "\(error)")
        #expect(error.message.contains("one chain for every resource"), "\(error)")
    }

    @Test func aResourceScopedDifferentlyInBothIsAConflict() throws {
        let error = try resolutionError(yaml: "changes:\n  resources:\n    - name: deployment\n      namespaces: [shop]\n")
        #expect(error.key == "changes.resources", "\(error)")
        #expect(error.message.hasPrefix("deployment is also watched by the kwatchman file "), "\(error)")
        #expect(error.message.contains("watch it in one place"), "\(error)")
    }

    @Test func anotherKwatchmanFileInTheYAMLIsAConflict() throws {
        let error = try resolutionError(yaml: "changes:\n  kwatchmanConfig: other.toml\n")
        #expect(error.key == "changes.kwatchmanConfig" && error.line == 2, "\(error)")
        #expect(error.message.contains("other.toml") && error.message.contains("KW_CONFIG_FILE names another"), "\(error)")
        #expect(error.message.hasSuffix("give one kwatchman file"), "\(error)")
    }

    @Test func aChainWithoutResourcesSaysWhatIsMissing() throws {
        let error = try resolutionError(yaml: "changes:\n  chain: [log]\n")
        #expect(error.key == "changes", "\(error)")
        #expect(error.message.hasPrefix("missing resources (the kinds to watch beside the kwatchman file "), "\(error)")
    }

    @Test func theFlagNamesTheFileOverTheVariable() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let flagFile = try files.write("flag.toml", KwatchmanConfigTests.readmeExample)
        let configuration = try GlobalOptions.parse(["--kwatchman-config", flagFile]).resolve(environment: ["KW_CONFIG_FILE": files.path("missing.toml")])
        #expect(configuration.changes?.source == .kwatchman(file: flagFile))
    }

    @Test func anUnreadableKwatchmanFileSaysWhoNamedIt() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try GlobalOptions.parse([]).resolve(environment: ["KW_CONFIG_FILE": "/nonexistent/kwatchman.toml"])
        }
        #expect(error.message.hasPrefix("cannot read the kwatchman config file") && error.message.hasSuffix("(named by KW_CONFIG_FILE)"), "\(error)")
    }
}
