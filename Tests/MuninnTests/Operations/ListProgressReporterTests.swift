import Foundation
import KubeAPI
import Logging
import Synchronization
import MuninnTesting
import Testing

@testable import Muninn

/// The progress line while a large list loads: every N pages or every few seconds, a closing line, and nothing
/// at all for a list of one page.
@Suite struct ListProgressReporterTests {
    final class Time: Sendable {
        private let seconds = Mutex<Double>(0)
        func advance(_ by: Double) { seconds.withLock { $0 += by } }
        var date: Date { Date(timeIntervalSince1970: 1_800_000_000 + seconds.withLock { $0 }) }
    }

    @Test func aSmallClusterLogsNothing() {
        let recorder = LogRecorder()
        let reporter = ListProgressReporter(resource: "pods", namespace: nil, logger: recorder.logger())
        reporter.record(ListProgress(pages: 1, objects: 120, isComplete: true))
        #expect(recorder.records.isEmpty)
    }

    @Test func everyTenPagesAndAClosingLine() {
        let recorder = LogRecorder()
        let time = Time()
        let reporter = ListProgressReporter(resource: "pods", namespace: "shop", everyPages: 10, interval: .seconds(60), now: { time.date }, logger: recorder.logger())
        for page in 1...24 {
            time.advance(0.5)
            reporter.record(ListProgress(pages: page, objects: page * 500, isComplete: page == 24))
        }
        let lines = recorder.records.map { "\($0.message) pages=\($0.metadata["pages"].map { "\($0)" } ?? "") objects=\($0.metadata["objects"].map { "\($0)" } ?? "")" }
        #expect(lines == [
            "initial list in progress pages=10 objects=5000",
            "initial list in progress pages=20 objects=10000",
            "initial list complete pages=24 objects=12000",
        ])
        #expect(recorder.records.allSatisfy { $0.metadata["namespace"].map { "\($0)" } == "shop" && $0.level == .info })
        #expect(recorder.records.last?.metadata["seconds"].map { "\($0)" } == "12")
    }

    @Test func slowPagesAreReportedByTime() {
        let recorder = LogRecorder()
        let time = Time()
        let reporter = ListProgressReporter(resource: "pods", namespace: nil, everyPages: 100, interval: .seconds(5), now: { time.date }, logger: recorder.logger())
        reporter.record(ListProgress(pages: 1, objects: 500, isComplete: false))
        time.advance(3)
        reporter.record(ListProgress(pages: 2, objects: 1000, isComplete: false))
        time.advance(3)
        reporter.record(ListProgress(pages: 3, objects: 1500, isComplete: false))
        time.advance(1)
        reporter.record(ListProgress(pages: 4, objects: 1800, isComplete: true))
        #expect(recorder.records.map(\.message) == ["initial list in progress", "initial list complete"])
        #expect(recorder.records.first?.metadata["pages"].map { "\($0)" } == "3")
    }

    @Test func aRelistStartsCountingAgain() {
        let recorder = LogRecorder()
        let reporter = ListProgressReporter(resource: "pods", namespace: nil, everyPages: 2, interval: .seconds(3600), logger: recorder.logger())
        reporter.record(ListProgress(pages: 1, objects: 500, isComplete: false))
        reporter.record(ListProgress(pages: 2, objects: 1000, isComplete: false))
        reporter.record(ListProgress(pages: 3, objects: 1200, isComplete: true))
        // A relist after the watch expired, on a cluster that shrank to one page: nothing more.
        reporter.record(ListProgress(pages: 1, objects: 300, isComplete: true))
        #expect(recorder.records.map(\.message) == ["initial list in progress", "initial list complete"])
    }
}
