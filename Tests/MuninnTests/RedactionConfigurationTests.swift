import Foundation
import Logging
import MuninnCore
import Synchronization
import Testing

@testable import Muninn

/// `alerts.redact`: extra secret patterns, checked when the file is read and applied by every destination.
@Suite struct RedactionConfigurationTests {
    @Test func extraPatternsAreReadAndApplied() async throws {
        let configuration = try MuninnConfiguration.parse(
            """
            alerts:
              redact:
                - 'acme_[0-9a-f]{8}'
            destinations:
              out:
                type: console
            """, file: "muninn.yaml")
        #expect(configuration.alerts.redactPatterns == ["acme_[0-9a-f]{8}"])
        let lines = Mutex<[String]>([])
        let notifiers = try PipelineAssembly(configuration: configuration, consoleWrite: { line in lines.withLock { $0.append(line) } })
            .notifiers()
        let alert = Alert(
            id: "u/app/1", kind: .crashed, cluster: "prod", namespace: "shop", pod: "web-1", container: "app", occurredAt: Date(),
            logs: "connecting with key acme_0badc0de\nAuthorization: Bearer abc.def.ghi")
        _ = try await notifiers["out"]?.send(alert, to: DeliveryTarget(), logger: Logger(label: "test"))
        let line = try #require(lines.withLock { $0.first })
        #expect(!line.contains("acme_0badc0de") && !line.contains("abc.def.ghi"))
        #expect(line.contains("[REDACTED]"))
    }

    @Test func aBrokenPatternNamesItsLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse(
                """
                alerts:
                  redact:
                    - 'fine'
                    - 'broken(['
                """, file: "muninn.yaml")
        }
        #expect(error.line == 4)
        #expect("\(error)".contains("redaction pattern #2"))
    }
}
