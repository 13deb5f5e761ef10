import ArgumentParser
import Foundation
import Logging
import MuninnCore
import Testing

@testable import Muninn

@Suite struct ConfigurationTests {
    @Test func parsesEveryKey() throws {
        let yaml = """
            cluster:
              name: prod-eu
            kubernetes:
              kubeconfig: /etc/muninn/kubeconfig
              context: prod
            watch:
              namespaces: [shop, payments]
              labelSelector: team=web
              fieldSelector: spec.nodeName=node-1
            log:
              level: debug
              format: json
            """
        let configuration = try MuninnConfiguration.parse(yaml, file: "muninn.yaml")
        #expect(configuration.clusterName == "prod-eu")
        #expect(configuration.kubeconfig == "/etc/muninn/kubeconfig")
        #expect(configuration.context == "prod")
        #expect(configuration.namespaces == ["shop", "payments"])
        #expect(configuration.labelSelector == "team=web")
        #expect(configuration.fieldSelector == "spec.nodeName=node-1")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .json)
    }

    @Test func emptyFileGivesDefaults() throws {
        #expect(try MuninnConfiguration.parse("", file: "empty.yaml") == MuninnConfiguration())
    }

    @Test func unknownKeyNamesLineKeyAndSuggestion() throws {
        let yaml = """
            cluster:
              name: a
            watch:
              namespace: [shop]
            """
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.parse(yaml, file: "m.yaml") }
        #expect(error.line == 4)
        #expect(error.key == "watch.namespace")
        #expect(error.description.hasPrefix("m.yaml:4: watch.namespace: unknown key; did you mean 'namespaces'?"))
    }

    @Test func wrongTypeNamesTheKey() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("watch:\n  namespaces:\n    - a\n    - [b]\n", file: "m.yaml")
        }
        #expect(error.key == "watch.namespaces[1]")
        #expect(error.line == 4)
    }

    @Test func invalidYAMLNamesTheLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("cluster:\n  name: a\n bad: [\n", file: "m.yaml")
        }
        #expect(error.line != nil)
        #expect(error.description.contains("not valid YAML"))
    }

    @Test func badLogLevelListsAllowedValues() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("log:\n  level: loud\n", file: "m.yaml")
        }
        #expect(error.description.contains("unknown level 'loud'"))
        #expect(error.description.contains("debug"))
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("muninn.yaml").path
        try "cluster:\n  name: from-file\nwatch:\n  namespaces: [a]\nlog:\n  level: error\n".write(toFile: file, atomically: true, encoding: .utf8)

        let options = try GlobalOptions.parse(["--config", file, "--cluster-name", "from-flag"])
        let configuration = try options.resolve(environment: ["MUNINN_CLUSTER_NAME": "from-env", "MUNINN_NAMESPACES": "x, y", "MUNINN_LOG_LEVEL": "warning"])
        #expect(configuration.clusterName == "from-flag")
        #expect(configuration.namespaces == ["x", "y"])
        #expect(configuration.logLevel == .warning)
    }

    @Test func badEnvironmentValueIsNamed() throws {
        let options = try GlobalOptions.parse([])
        let error = try #require(throws: ConfigurationError.self) { try options.resolve(environment: ["MUNINN_LOG_FORMAT": "xml"]) }
        #expect(error.description == "environment: MUNINN_LOG_FORMAT: unknown format 'xml' (allowed: text, json, auto)")
    }

    @Test func missingFileIsAClearError() throws {
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.load(file: "/nonexistent/muninn.yaml") }
        #expect(error.description.hasPrefix("/nonexistent/muninn.yaml: cannot read the file"))
    }
}

@Suite struct SeedEnvironmentTests {
    @Test func johariMirrorVariablesAreReadAndValidated() throws {
        let seed = try SeedEnvironment(["SLACK_TOKEN": "xoxb-1", "SLACK_NOTIFICATION_CONFIG": "prod/*/*=#prod,*/*/*="])
        #expect(seed.tools == [.johariMirror])
        #expect(seed.slackRoutes?.decide(namespace: "prod", pod: "a", container: "b") == .deliver(channel: "#prod", rule: 1))
        let error = try #require(throws: ConfigurationError.self) { try SeedEnvironment(["SLACK_NOTIFICATION_CONFIG": "prod/*/*=#prod,"]) }
        #expect(error.description.hasPrefix("environment: SLACK_NOTIFICATION_CONFIG: routing rule 2"))
    }

    @Test func kubeDingTalkVariablesMeanWhatUsersMeant() throws {
        let seed = try SeedEnvironment([
            "DINGTALK_TOKEN": "abc", "FLOOD_EXPIRE": "60000", "NOT_READY_MIN_TIME": "120000", "TICK_RATE": "15000",
            "KUBE_NAMESPACES_ONLY": #"["shop", "payments"]"#, "KUBE_USE_KUBECONFIG": "false", "KUBE_USE_CLUSTER": "true",
        ])
        #expect(seed.tools == [.kubeDingTalk])
        #expect(seed.floodExpire == .seconds(60))
        #expect(seed.notReadyMinTime == .seconds(120))
        #expect(seed.namespacesOnly == ["shop", "payments"])
        #expect(seed.useKubeconfig == false)
        #expect(try SeedEnvironment(["KUBE_NAMESPACES_ONLY": "shop, payments"]).namespacesOnly == ["shop", "payments"])
    }

    @Test(arguments: [
        ("TICK_RATE", "fast"), ("FLOOD_EXPIRE", "-5"), ("KUBE_USE_KUBECONFIG", "maybe"), ("KUBE_NAMESPACES_ONLY", #"["a", 1]"#),
        ("KUBE_NAMESPACES_ONLY", "Shop_Prod"), ("CHECK_INTERVAL", "0"), ("MAX_CRASHLOG_LENGTH", "lots"),
    ])
    func badValuesNameTheVariable(_ name: String, _ value: String) throws {
        let error = try #require(throws: ConfigurationError.self) { try SeedEnvironment([name: value]) }
        #expect(error.key == name)
        #expect(error.file == "environment")
    }

    @Test func podMonitorVariablesSetTheClusterNameUnlessMuninnsOwnDo() throws {
        let seed = try SeedEnvironment(["CLUSTER_NAME": "prod-eu", "SLACK_TOKEN": "xoxb-2", "SLACK_CHANNEL": "pod-crash-alerts", "SLACK_NOTIFY": "true"])
        #expect(seed.tools == [.podMonitor])
        let options = try GlobalOptions.parse([])
        #expect(try options.resolve(environment: ["CLUSTER_NAME": "prod-eu"]).clusterName == "prod-eu")
        #expect(try options.resolve(environment: ["CLUSTER_NAME": "prod-eu", "MUNINN_CLUSTER_NAME": "mine"]).clusterName == "mine")
        #expect(try options.resolve(environment: ["KUBE_NAMESPACES_ONLY": "a,b"]).namespaces == ["a", "b"])
    }
}
