import Foundation
import Testing

@testable import Muninn

/// `muninn soak` at a tiny size and length, as a user runs it (the built executable starting `muninn run` as its own
/// process): it must finish, report every figure and sample, and lose and repeat nothing. No timings are asserted.
@Suite(.timeLimit(.minutes(5)))
struct SoakSmokeTests {
    @Test func tinySoakReportsEverySampleAndLosesNothing() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let jsonPath = files.path("soak.json")
        let arguments = [
            "soak", "--pods", "200", "--namespaces", "4", "--minutes", "0.3", "--sample-seconds", "1", "--crash-rate", "3",
            "--rollout-seconds", "5", "--configmap-seconds", "3", "--configmaps", "4", "--settle-seconds", "120", "--json", jsonPath,
        ]
        let (status, stderr) = try await MuninnExecutableRun.run(arguments, files: files)
        #expect(status == 0, "\(stderr)")

        let report = try JSONDecoder().decode(SoakReport.self, from: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
        #expect(report.error == nil, "\(report.error ?? "")")
        #expect(report.pods == 200)
        #expect(report.syncSeconds != nil)
        // A sample at 0 s and every second of the 18 s churn, and one at its end.
        #expect(report.samples.count >= 15, "\(report.samples.map(\.seconds))")
        for sample in report.samples + [try #require(report.end)] {
            #expect(sample.process.rssBytes > 0 && sample.process.peakRSSBytes >= sample.process.rssBytes)
            #expect(sample.process.threads > 0)
            #expect(sample.process.openFiles > sample.process.sockets && sample.process.sockets > 0)
            #expect(sample.storeBytes > 0)
            #expect(sample.pods >= 180, "pods are replaced, so the count stays near 200")
            #expect(sample.watchEvents != nil)
        }
        #expect(report.dashboardFailures == 0)
        let churn = try #require(report.churn)
        #expect(churn.crashes > 0 && churn.deletions > 0 && churn.readinessFlaps > 0 && churn.rollouts > 0 && churn.configMapEdits > 0)

        let alerts = try #require(report.alerts)
        #expect(alerts.expected == churn.crashes)
        #expect(alerts.lost == 0)
        #expect(alerts.duplicated == 0)
        #expect(alerts.delivered == alerts.expected)
        #expect(alerts.unexpected == 0)
        let changes = try #require(report.changes)
        #expect(changes.expected == churn.rollouts + churn.configMapEdits)
        #expect(changes.lost == 0 && changes.duplicated == 0)

        #expect(report.verdicts.map(\.resource) == ["RSS", "peak RSS", "threads", "open files", "sockets", "store size"])
        #expect(report.verdicts.allSatisfy { $0.verdict == GrowthVerdict.flat || $0.verdict == GrowthVerdict.growing })
        #expect(report.muninnExitStatus == 0)
        let table = try String(contentsOfFile: files.path("stdout"), encoding: .utf8)
        #expect(table.contains("crash alerts:") && table.contains("sockets"))
    }
}
