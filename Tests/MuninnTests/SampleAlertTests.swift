import Foundation
import MuninnCore
import Testing

@testable import Muninn

@Suite struct SampleAlertTests {
    private let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: Alert.Kind.allCases)
    func everySampleSaysItIsATest(kind: Alert.Kind) {
        let alert = SampleAlert.make(kind: kind, cluster: "prod-eu", id: "test-1", now: now)
        #expect(alert.kind == kind)
        #expect(alert.message?.hasPrefix("[TEST] Sent by `muninn test-notify`") == true)
        #expect(alert.namespace == "muninn-test")
        #expect(alert.cluster == "prod-eu" && alert.id == "test-1" && alert.occurredAt == now)
        #expect(!alert.seenLate)
        #expect(!alert.events.isEmpty)
    }

    @Test func theDefaultSampleIsAnOOMKill() throws {
        let alert = SampleAlert.make(kind: .crashed, cluster: "c", id: "x", now: now)
        #expect(alert.reason == "OOMKilled" && alert.exitCode == 137)
        #expect(alert.exitCodeMeaning?.contains("OOM killer") == true)
        #expect(alert.events.count == 2)
        let logs = try #require(alert.logs)
        #expect(logs.hasPrefix("TEST ALERT"))
        #expect(logs.contains("at example.checkout.OrderWorker.run(OrderWorker.java:141)"))
        #expect(alert.logsUnavailableReason == nil)
    }
}
