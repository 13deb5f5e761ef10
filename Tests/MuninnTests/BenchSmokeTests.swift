import Foundation
import Testing

@testable import Muninn

/// `muninn bench` at a tiny size, as a user runs it (the built executable, its own watcher and reader processes):
/// it must finish and report every figure. No timings are asserted: this machine is shared and noisy.
@Suite(.timeLimit(.minutes(5)))
struct BenchSmokeTests {
    /// The `muninn` executable built beside this test binary (`swift build --build-tests` builds both).
    static func muninnExecutable() throws -> String {
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        // The test binary may sit inside an .xctest bundle directory.
        while !directory.path.isEmpty, directory.path != "/" {
            let candidate = directory.appendingPathComponent("muninn").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw BenchSmokeError(description: "no muninn executable beside \(testBinary): build it with `swift build --build-tests`")
    }

    @Test func tinyBenchmarkCompletesWithSaneFigures() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let jsonPath = files.path("bench.json")
        let (status, stderr) = try await MuninnExecutableRun.run(
            ["bench", "--pods", "200", "--quick", "--peers", "ceiling", "--json", jsonPath], files: files)
        #expect(status == 0, "\(stderr)")

        let report = try JSONDecoder().decode(BenchReport.self, from: Data(contentsOf: URL(fileURLWithPath: jsonPath)))
        #expect(report.pods == 200)
        #expect(report.listBytes > 200 * 5_000, "pods shaped like the exemplar are several KB each")
        let muninn = try #require(report.muninn, "\(report.muninnError ?? "")")
        #expect(muninn.syncSeconds > 0)
        #expect(muninn.watchEvents >= 900)
        #expect(muninn.watchEventsPerSecond > 0)
        #expect(muninn.peakRSSBytes >= muninn.idleRSSBytes && muninn.idleRSSBytes > 0)
        #expect(muninn.cpuSecondsPer1000Events > 0)
        let sustained = try #require(muninn.sustained)
        #expect(sustained.crashes > 0 && sustained.delivered == sustained.crashes)
        #expect(sustained.latency?.count == sustained.crashes)
        let burst = try #require(muninn.burst)
        #expect(burst.crashes == 50 && burst.delivered == 50)
        #expect(burst.firstAlertSeconds != nil && burst.allDeliveredSeconds != nil)
        #expect(report.listPeers.map(\.name) == ["read and discard (ceiling)"])
        #expect(report.watchPeers.first?.status == "ok")
        let table = try String(contentsOfFile: files.path("stdout"), encoding: .utf8)
        #expect(table.contains("watch throughput"))
    }
}

struct BenchSmokeError: Error, CustomStringConvertible {
    var description: String
}
