import ArgumentParser
import AsyncHTTPClient
import Foundation
import KubeJSON
import MuninnCore
import MuninnNotifiers
import NotifierFakes
import Testing

@testable import Muninn

@Suite struct ExportConfigurationTests {
    private let factory = NotifierFactory(httpClient: .notifiers)

    @Test func elasticsearchAndLokiDestinationsBuildTheirNotifiers() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("es-password", "s3cret-password\n")
        try files.write("loki-token", "glc_secret_token")
        let configuration = try MuninnConfiguration.parse(
            """
            destinations:
              es:
                type: elasticsearch
                url: https://es.example:9200
                indexPrefix: crashes
                username: muninn
                passwordFile: \(files.path("es-password"))
                indexTemplate: false
                maximumLogBytes: 4096
              opensearch:
                type: elasticsearch
                url: https://os.example
                apiKey: id:key-value-123
                insecureSkipVerify: true
              loki:
                type: loki
                url: http://loki:3100
                tenant: team-a
                tokenFile: \(files.path("loki-token"))
                labels: {env: prod}
            """, file: "m.yaml")
        let notifiers = try factory.notifiers(for: configuration.destinations)
        let es = try #require(notifiers["es"] as? ElasticsearchNotifier)
        #expect(es.configuration.indexPrefix == "crashes" && !es.configuration.installIndexTemplate && es.configuration.maximumLogBytes == 4096)
        #expect(es.configuration.authentication == .basic(username: "muninn", password: "s3cret-password"))
        let opensearch = try #require(notifiers["opensearch"] as? ElasticsearchNotifier)
        #expect(opensearch.configuration.indexPrefix == "k8s-crash-monitor" && opensearch.configuration.tls.insecureSkipVerify)
        #expect(opensearch.configuration.authentication == .apiKey("id:key-value-123"))
        let loki = try #require(notifiers["loki"] as? LokiNotifier)
        #expect(loki.configuration.tenant == "team-a" && loki.configuration.authentication == .bearer(token: "glc_secret_token"))
        #expect(loki.configuration.extraLabels == ["env": "prod"])

        let summary = ConfigurationSummary(configuration: configuration).destinationLines.joined(separator: "\n")
        #expect(summary.contains("es (elasticsearch): url: https://es.example:9200, indices: crashes-YYYY.MM.DD, auth: basic (user muninn, password set (from file"))
        #expect(summary.contains("opensearch (elasticsearch): url: https://os.example, indices: k8s-crash-monitor-YYYY.MM.DD, auth: API key set (inline), TLS verification OFF"))
        #expect(summary.contains("loki (loki): url: http://loki:3100, tenant: team-a, auth: bearer token set (from file"))
        #expect(!summary.contains("s3cret") && !summary.contains("glc_secret") && !summary.contains("key-value-123"))
    }

    @Test(arguments: [
        ("{type: elasticsearch}", "missing url"),
        ("{type: elasticsearch, url: 'http://es', indexPrefix: Crashes}", "must be lowercase"),
        ("{type: elasticsearch, url: 'http://u:p@es'}", "not in the URL"),
        ("{type: elasticsearch, url: 'http://es', username: u}", "username needs password"),
        ("{type: elasticsearch, url: 'http://es', username: u, password: p, apiKey: k}", "not both"),
        ("{type: elasticsearch, url: 'http://es', caFile: /nonexistent/ca.pem}", "cannot read"),
        ("{type: elasticsearch, url: 'http://es', index: x}", "index"),
        ("{type: loki, url: 'http://loki', labels: {bad-name: x}}", "not a valid Loki label name"),
        ("{type: loki, url: 'http://loki', labels: {pod: x}}", "set by Muninn"),
        ("{type: loki, url: 'http://loki', token: t, username: u, password: p}", "not both"),
    ])
    func mistakesAreNamed(entry: String, message: String) throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("destinations:\n  d: \(entry)\n", file: "m.yaml")
        }
        #expect(error.message.contains(message), "\(error)")
    }

    @Test func aCAFileThatIsNotPEMIsRefused() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let path = try files.write("ca.pem", "not a certificate")
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("destinations:\n  d: {type: loki, url: 'https://loki', caFile: '\(path)'}\n", file: "m.yaml")
        }
        #expect(error.message.contains("PEM"))
    }

    @Test func thePodMonitorsElasticsearchVariablesBecomeADestination() throws {
        let configuration = try GlobalOptions.parse([]).resolve(environment: [
            "CLUSTER_NAME": "prod", "ELASTICSEARCH_URL": "elasticsearch-master", "ELASTICSEARCH_PORT": "9200", "ELASTICSEARCH_SCHEME": "https",
            "ELASTICSEARCH_INDEX": "k8s-crash-monitor-", "MAX_CRASHLOG_LENGTH": "500000",
        ])
        let destination = try #require(configuration.destinations.first { $0.name == "elasticsearch" })
        guard case .elasticsearch(let settings) = destination.settings else {
            Issue.record("not an elasticsearch destination: \(destination)")
            return
        }
        #expect(settings.url == "https://elasticsearch-master:9200")
        #expect(settings.indexPrefix == "k8s-crash-monitor" && settings.maximumLogBytes == 500_000 && settings.credentials == .none)
        #expect(configuration.seed.tools == [.podMonitor])
        #expect(try factory.notifiers(for: configuration.destinations)["elasticsearch"] is ElasticsearchNotifier)
    }

    @Test func elasticsearchVariableMistakesNameTheVariable() throws {
        let badPort = try #require(throws: ConfigurationError.self) {
            try GlobalOptions.parse([]).resolve(environment: ["ELASTICSEARCH_URL": "http://es", "ELASTICSEARCH_PORT": "http"])
        }
        #expect(badPort.key == "ELASTICSEARCH_PORT")
        let lonely = try #require(throws: ConfigurationError.self) {
            try GlobalOptions.parse([]).resolve(environment: ["ELASTICSEARCH_INDEX": "crashes-"])
        }
        #expect(lonely.key == "ELASTICSEARCH_URL")
        let basic = try GlobalOptions.parse([]).resolve(environment: [
            "ELASTICSEARCH_URL": "http://es:9200", "ELASTICSEARCH_USERNAME": "muninn", "ELASTICSEARCH_PASSWORD": "pw-123456",
        ])
        let notifier = try #require(try factory.notifiers(for: basic.destinations)["elasticsearch"] as? ElasticsearchNotifier)
        #expect(notifier.configuration.authentication == .basic(username: "muninn", password: "pw-123456"))
    }

    @Test(.timeLimit(.minutes(1))) func testNotifyIndexesAndPushesTheSampleWithoutPrintingSecrets() async throws {
        try await withFakeElasticsearch(FakeElasticsearch(authorization: "ApiKey c2VjcmV0LWFwaS1rZXk=")) { es, esURL in
            try await withFakeLoki(FakeLoki(authorization: "Bearer loki-secret-token")) { loki, lokiURL in
                let files = try TemporaryFiles()
                defer { files.remove() }
                let config = try files.write(
                    "muninn.yaml",
                    """
                    cluster: {name: prod-eu}
                    destinations:
                      es: {type: elasticsearch, url: '\(esURL)', apiKey: c2VjcmV0LWFwaS1rZXk=}
                      loki: {type: loki, url: '\(lokiURL)', token: loki-secret-token}
                    """)
                let output = LineCollector()
                let command = try #require(try MuninnCommand.parseAsRoot(["test-notify", "--config", config]) as? TestNotifyCommand)
                let allSent = try await command.send(environment: [:], output: output.write)
                #expect(allSent, "\(output.lines)")
                let document = try #require(es.snapshot.documents.first)
                #expect(document.source["namespace"] == "muninn-test" && document.source["cluster_name"] == "prod-eu")
                #expect(output.lines.contains { $0.hasPrefix("ok  es  message ") && $0.contains("(created in k8s-crash-monitor-") })
                #expect(output.lines.contains { $0.hasPrefix("ok  loki  sent (") && $0.contains("lines pushed to {muninn=\"crash\"") })
                #expect(loki.pushes.count == 1)
                #expect(!output.lines.joined().contains("c2VjcmV0LWFwaS1rZXk=") && !output.lines.joined().contains("loki-secret-token"))
            }
        }
    }
}
