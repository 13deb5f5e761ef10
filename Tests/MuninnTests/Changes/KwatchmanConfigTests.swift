import ArgumentParser
import Foundation
import MuninnCore
import Testing

@testable import Muninn

/// kwatchman's configuration file, read unchanged; its silent mistakes are errors naming the table and line.
@Suite struct KwatchmanConfigTests {
    /// The example from kwatchman's README, verbatim.
    static let readmeExample = """
        [[resource]]
        kind = "deployment"
        [[resource]]
        kind = "service"
        [[resource]]
        kind = "statefulset"
        [[resource]]
        kind = "daemonset"
        [[resource]]
        kind = "ingress"
        [[handler]]
        name = "diff"
        [[handler]]
        name = "log"
        [[handler]]
        name = "ignoreEvents"
        events = ["Add", "Delete"]
        [[handler]]
        name = "slack"
        clusterName = "myClusterName"
        webhookURL = "https://slack-webhook-url"
        """

    @Test func readmeExampleParsesUnchanged() throws {
        let configuration = try KwatchmanConfigParser.parse(Self.readmeExample, file: "config.toml")
        #expect(configuration.source == .kwatchman(file: "config.toml"))
        #expect(configuration.settings.resources.map(\.name) == ["deployment", "service", "statefulset", "daemonset", "ingress"])
        #expect(configuration.settings.resources.allSatisfy { $0.namespaces.isEmpty && $0.labelSelector == nil && $0.policy == DiffPolicy() })
        #expect(configuration.settings.chain == [
            .diff(extraIgnoredPaths: []), .log, .ignoreEvents([.added, .deleted]),
            .slack(SlackChangeTarget(webhookURL: "https://slack-webhook-url", clusterName: "myClusterName")),
        ])
        #expect(configuration.settings.attempts == 4)
    }

    @Test func keysAreCaseInsensitiveValuesAreNot() throws {
        let toml = """
            [[Resource]]
            KIND = "deployment"
            [[HANDLER]]
            Name = "slack"
            webhookurl = "https://hooks.example.com/x"
            CLUSTERNAME = "Prod"
            """
        let configuration = try KwatchmanConfigParser.parse(toml, file: "k.toml")
        #expect(configuration.settings.chain == [.slack(SlackChangeTarget(webhookURL: "https://hooks.example.com/x", clusterName: "Prod"))])
    }

    @Test func kubectlStyleKindsAreAccepted() throws {
        let toml = """
            [[resource]]
            kind = "Deployment"
            [[resource]]
            kind = "configmaps"
            [[resource]]
            kind = "apps/v1/statefulsets"
            [[resource]]
            kind = "certificates.cert-manager.io"
            [[resource]]
            kind = "vs"
            [[handler]]
            name = "log"
            """
        let configuration = try KwatchmanConfigParser.parse(toml, file: "k.toml")
        #expect(configuration.settings.resources.map(\.name) == ["Deployment", "configmaps", "apps/v1/statefulsets", "certificates.cert-manager.io", "vs"])
    }

    @Test func misspeltKindNamesTheTableAndLine() throws {
        let toml = "[[resource]]\nkind = \"deployment\"\n\n[[resource]]\nkind = \"deploymnet\"\n[[handler]]\nname = \"log\"\n"
        let error = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(toml, file: "k.toml") }
        #expect(error.description == "k.toml:4: resource[1].kind: unknown resource 'deploymnet'; did you mean 'deployment'?")
    }

    @Test func unknownHandlerAndWrongCaseAreErrors() throws {
        let unknown = "[[resource]]\nkind = \"service\"\n[[handler]]\nname = \"diff\"\n[[handler]]\nname = \"slak\"\nwebhookURL = \"https://x.example\"\n"
        let error = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(unknown, file: "k.toml") }
        #expect(error.line == 5)
        #expect(error.key == "handler[1].name")
        #expect(error.message.hasPrefix("unknown handler 'slak'; did you mean 'slack'?"))

        let wrongCase = "[[resource]]\nkind = \"service\"\n[[handler]]\nname = \"Diff\"\n"
        let caseError = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(wrongCase, file: "k.toml") }
        #expect(caseError.message.hasPrefix("unknown handler 'Diff'; did you mean 'diff'?"))
    }

    @Test func unknownKeysAndEventsAreErrors() throws {
        let key = "[[resource]]\nkind = \"service\"\nnamespace = \"x\"\n[[handler]]\nname = \"log\"\n"
        let keyError = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(key, file: "k.toml") }
        #expect(keyError.key == "resource[0].namespace")
        #expect(keyError.line == 1)

        let event = "[[resource]]\nkind = \"service\"\n[[handler]]\nname = \"ignoreEvents\"\nevents = [\"add\"]\n"
        let eventError = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(event, file: "k.toml") }
        #expect(eventError.key == "handler[0].events")
        #expect(eventError.message.hasPrefix("unknown event 'add'; did you mean 'Add'?"))

        let topLevel = "[[resource]]\nkind = \"service\"\n[[handler]]\nname = \"log\"\n[[handlers]]\nname = \"log\"\n"
        let topError = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(topLevel, file: "k.toml") }
        #expect(topError.key == "handlers")
    }

    @Test func missingArraysAreMalformedLikeKwatchman() throws {
        let noHandler = try #require(throws: ConfigurationError.self) {
            try KwatchmanConfigParser.parse("[[resource]]\nkind = \"service\"\n", file: "/etc/kw/config.toml")
        }
        #expect(noHandler.message.hasPrefix("malformed /etc/kw/config.toml config file: no [[handler]] tables"))
        let noResource = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse("[[handler]]\nname = \"log\"\n", file: "c.toml") }
        #expect(noResource.message.hasPrefix("malformed c.toml config file: no [[resource]] tables"))
    }

    @Test func emptyArraysAreAccepted() throws {
        let configuration = try KwatchmanConfigParser.parse("resource = []\nhandler = []\n", file: "c.toml")
        #expect(configuration.settings.resources.isEmpty)
        #expect(configuration.settings.chain.isEmpty)
    }

    @Test func slackNeedsAWebhookURL() throws {
        let toml = "[[resource]]\nkind = \"service\"\n[[handler]]\nname = \"slack\"\nclusterName = \"x\"\n"
        let error = try #require(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse(toml, file: "k.toml") }
        #expect(error.key == "handler[0].webhookURL")
    }

    @Test func invalidTOMLNamesTheLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try KwatchmanConfigParser.parse("[[resource]]\nkind = \"service\n[[handler]]\n", file: "k.toml")
        }
        #expect(error.line == 2)
        #expect(error.message.hasPrefix("not valid TOML"))
    }

    @Test func yamlAndJSONFormsByExtension() throws {
        let yaml = """
            resource:
              - kind: deployment
            handler:
              - name: diff
              - name: ignoreEvents
                events: [Update]
            """
        let fromYAML = try KwatchmanConfigParser.parse(yaml, file: "config.yaml")
        #expect(fromYAML.settings.chain == [.diff(extraIgnoredPaths: []), .ignoreEvents([.updated])])
        let json = #"{"Resource": [{"Kind": "service"}], "Handler": [{"Name": "log"}]}"#
        let fromJSON = try KwatchmanConfigParser.parse(json, file: "config.json")
        #expect(fromJSON.settings.resources.map(\.name) == ["service"])
        #expect(throws: ConfigurationError.self) { try KwatchmanConfigParser.parse("x", file: "config.ini") }
    }

    @Test func environmentLoadsTheFileAndScopesIt() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let path = try files.write("config.toml", Self.readmeExample)
        let options = try GlobalOptions.parse([])
        let configuration = try options.resolve(environment: [
            "KW_CONFIG_FILE": path, "KW_NAMESPACE": "shop", "KW_LABEL_SELECTOR": "team=web", "KW_KUBECONFIG": "/k/config",
        ])
        let changes = try #require(configuration.changes)
        #expect(changes.settings.resources.count == 5)
        #expect(changes.settings.resources.allSatisfy { $0.namespaces == ["shop"] && $0.labelSelector == "team=web" })
        #expect(configuration.kubeconfig == "/k/config")
        #expect(configuration.kwatchman.recognised == ["KW_CONFIG_FILE", "KW_NAMESPACE", "KW_LABEL_SELECTOR", "KW_KUBECONFIG"])
        #expect(throws: ConfigurationError.self) { try options.resolve(environment: ["KW_NAMESPACE": "Not_A_Namespace"]) }
    }

    @Test func commandLineFlagLoadsTheFile() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let path = try files.write("kw.toml", Self.readmeExample)
        let configuration = try GlobalOptions.parse(["--kwatchman-config", path]).resolve(environment: [:])
        #expect(configuration.changes?.source == .kwatchman(file: path))
        #expect(configuration.changes?.settings.chain.count == 4)
    }
}
