import Foundation
import KubeAPI
import Testing

@testable import Muninn

/// `leaderElection:` and `MUNINN_LEADER_ELECTION`.
@Suite struct LeaderElectionConfigurationTests {
    @Test func theSectionIsReadAndShownByCheckConfig() throws {
        let configuration = try MuninnConfiguration.parse(
            """
            leaderElection:
              enabled: true
              namespace: monitoring
              leaseName: muninn-prod
              leaseDuration: 30s
              renewDeadline: 20s
              retryPeriod: 4s
              releaseOnShutdown: false
            """, file: "muninn.yaml")
        let settings = configuration.leaderElection
        #expect(settings.enabled)
        let config = settings.config(environment: ["POD_NAME": "muninn-7d9f-abcde"])
        #expect(config.namespace == "monitoring")
        #expect(config.leaseName == "muninn-prod")
        #expect(config.leaseDuration == .seconds(30))
        #expect(config.renewDeadline == .seconds(20))
        #expect(config.retryPeriod == .seconds(4))
        #expect(!config.releaseOnShutdown)
        #expect(config.identity.hasPrefix("muninn-7d9f-abcde_"))
        let summary = ConfigurationSummary(configuration: configuration).lines.joined(separator: "\n")
        #expect(summary.contains("leader election: on, lease monitoring/muninn-prod"))
    }

    @Test func defaultsComeFromThePod() throws {
        let config = LeaderElectionSettings(enabled: true).config(environment: ["POD_NAMESPACE": "ops", "POD_NAME": "muninn-0"], namespaceFile: "/nonexistent")
        #expect(config.namespace == "ops")
        #expect(config.leaseName == "muninn")
        #expect(config.problem == nil)
        let other = LeaderElectionSettings(enabled: true).config(environment: ["POD_NAME": "muninn-0"], namespaceFile: "/nonexistent")
        #expect(other.namespace == "default")
        #expect(other.identity != config.identity, "each start is a new candidate")
    }

    @Test func timingThatBreaksClientGosRuleNamesItsLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse(
                """
                leaderElection:
                  enabled: true
                  leaseDuration: 10s
                  renewDeadline: 12s
                """, file: "muninn.yaml")
        }
        #expect(error.line == 4)
        #expect("\(error)".contains("leaseDuration"))
    }

    @Test func anUnknownKeyIsAnError() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("leaderElection:\n  enable: true\n", file: "muninn.yaml")
        }
        #expect(error.line == 2)
    }

    @Test func theEnvironmentSwitchesItOn() throws {
        var configuration = MuninnConfiguration()
        try configuration.applyEnvironment(["MUNINN_LEADER_ELECTION": "true"])
        #expect(configuration.leaderElection.enabled)
        #expect(throws: ConfigurationError.self) { try configuration.applyEnvironment(["MUNINN_LEADER_ELECTION": "maybe"]) }
    }
}
