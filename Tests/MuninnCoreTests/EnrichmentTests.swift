import Foundation
import KubeAPI
import MuninnTesting
import Testing

@testable import MuninnCore

/// `AlertEnricher` against a fake cluster: the incident's facts, the right instance's logs, and an alert
/// that goes out whatever the reads do.
@Suite(.timeLimit(.minutes(1)))
struct EnrichmentTests {
    typealias Samples = EnrichmentSamples

    @Test func everyIncidentKindMapsToItsAlertKind() async {
        let expected: [Incident.Kind: Alert.Kind] = [
            .containerTerminated: .crashed, .cannotStart: .cannotStart, .notReady: .notReady, .podEvicted: .evicted,
            .podFailed: .failed, .runningAgain: .recovered, .readyAgain: .recovered,
        ]
        for kind in Incident.Kind.allCases {
            let alert = await Samples.enrich(Samples.incident(kind), reader: EnrichmentFakeClusterReader())
            #expect(alert.kind == expected[kind], "\(kind)")
            #expect(alert.id == "u-1/web/containerd://aa")
        }
    }

    @Test func theIncidentsFactsCarryOver() async {
        var incident = Samples.incident(exitCode: 137, reason: "OOMKilled")
        incident.finishedAt = Samples.t0.addingTimeInterval(-5)
        incident.seenLate = true
        let alert = await Samples.enrich(incident, reader: EnrichmentFakeClusterReader())
        #expect(alert.cluster == "prod")
        #expect(alert.namespace == "shop")
        #expect(alert.pod == "web-7d9f-abcde")
        #expect(alert.container == "web")
        #expect(alert.node == "node-1")
        #expect(alert.image == "shop/web:1")
        #expect(alert.reason == "OOMKilled")
        #expect(alert.exitCode == 137)
        #expect(alert.exitCodeMeaning?.contains("OOM") == true)
        #expect(alert.message == "boom")
        #expect(alert.restartCount == 3)
        #expect(alert.restartsSeen == 1)
        #expect(alert.occurredAt == Samples.t0.addingTimeInterval(-5))
        #expect(alert.seenLate)
    }

    @Test func exitCodesInPlainWords() {
        #expect(ExitCodeDescription.explain(exitCode: 137)?.contains("SIGKILL (often the OOM killer") == true)
        #expect(ExitCodeDescription.explain(exitCode: 143)?.contains("SIGTERM") == true)
        #expect(ExitCodeDescription.explain(exitCode: 1) == "the application exited with an error")
        #expect(ExitCodeDescription.explain(exitCode: 126)?.contains("cannot be executed") == true)
        #expect(ExitCodeDescription.explain(exitCode: 127)?.contains("command not found") == true)
        #expect(ExitCodeDescription.explain(exitCode: 255)?.contains("255") == true)
        #expect(ExitCodeDescription.explain(exitCode: 139)?.contains("SIGSEGV") == true)
        #expect(ExitCodeDescription.explain(exitCode: 0) == nil)
        #expect(ExitCodeDescription.explain(exitCode: nil) == nil)
    }

    @Test func aRestartedContainersPreviousInstanceIsRead() async {
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .value(Array("starting\npanic: nil map\n".utf8))
        reader.currentLogs = .value(Array("the next instance\n".utf8))
        let alert = await Samples.enrich(Samples.incident(restartCount: 3), reader: reader)
        #expect(alert.logs == "starting\npanic: nil map\n")
        #expect(alert.logsUnavailableReason == nil)
        #expect(reader.recordedLogReads == [.init(container: "web", previous: true, tailLines: 500, limitBytes: 128 * 1024)])
    }

    @Test func aFirstCrashReadsTheCurrentInstance() async {
        var reader = EnrichmentFakeClusterReader()
        reader.currentLogs = .value(Array("last words\n".utf8))
        let alert = await Samples.enrich(Samples.incident(restartCount: 0), reader: reader)
        #expect(alert.logs == "last words\n")
        #expect(reader.recordedLogReads.map(\.previous) == [false])
    }

    @Test func aTerminatedInstanceNotYetRestartedFallsBackToTheCurrentLog() async {
        var reader = EnrichmentFakeClusterReader()
        reader.currentLogs = .value(Array("still the terminated one\n".utf8))
        let alert = await Samples.enrich(Samples.incident(restartCount: 2), reader: reader)
        #expect(alert.logs == "still the terminated one\n")
        #expect(reader.recordedLogReads.map(\.previous) == [true, false])
    }

    @Test func tailLinesAndTheByteCapAreAskedForAndEnforced() async {
        var reader = EnrichmentFakeClusterReader()
        // A server that ignores both limits.
        reader.previousLogs = .value(Array((1...50).map { "line \($0)\n" }.joined().utf8))
        let configuration = AlertEnricher.Configuration(tailLines: 3, maximumLogBytes: 1_000)
        let alert = await Samples.enrich(Samples.incident(), reader: reader, configuration: configuration)
        #expect(alert.logs == "line 48\nline 49\nline 50\n")
        #expect(reader.recordedLogReads.first?.tailLines == 3)
        #expect(reader.recordedLogReads.first?.limitBytes == 1_000)

        let bytesCapped = await Samples.enrich(Samples.incident(), reader: reader, configuration: .init(tailLines: 500, maximumLogBytes: 15))
        #expect(bytesCapped.logs == "ine 49\nline 50\n")
    }

    @Test func theKubeletsRefusalIsTheReason() async {
        var reader = EnrichmentFakeClusterReader()
        let message = #"previous terminated container "web" in pod "web-7d9f-abcde" not found"#
        reader.previousLogs = .failure(.logsUnavailable(message: message))
        reader.currentLogs = .failure(.logsUnavailable(message: #"container "web" in pod "web-7d9f-abcde" is waiting to start: CrashLoopBackOff"#))
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(alert.logs == nil)
        #expect(alert.logsUnavailableReason == message)
    }

    @Test func aDeletedPodStillGivesAnAlert() async {
        var reader = EnrichmentFakeClusterReader()
        let gone = KubeAPIError.notFound(Status(code: 404, reason: "NotFound", message: #"pods "web-7d9f-abcde" not found"#))
        reader.previousLogs = .failure(gone)
        reader.currentLogs = .failure(gone)
        reader.events = .failure(gone)
        reader.owners["ReplicaSet/web-7d9f"] = .failure(gone)
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        #expect(alert.logsUnavailableReason == "pod deleted")
        #expect(alert.logs == nil)
        #expect(alert.events.isEmpty)
        #expect(alert.workload == Alert.Workload(kind: "ReplicaSet", name: "web-7d9f"))
        #expect(alert.pod == "web-7d9f-abcde")
        #expect(reader.recordedLogReads.map(\.previous) == [true])
    }

    @Test func aHangingReadTimesOutAndTheAlertStillComes() async {
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .hang
        reader.events = .hang
        reader.owners["ReplicaSet/web-7d9f"] = .hang
        reader.nodes["node-1"] = .hang
        let clock = ImmediateClock()
        let enricher = AlertEnricher(configuration: .init(readTimeout: .seconds(10)), clock: clock)
        let alert = await enricher.enrich(Samples.incident(), reader: reader, logger: Samples.logger)
        #expect(alert.logsUnavailableReason == "timed out after 10s")
        #expect(alert.events.isEmpty)
        #expect(alert.workload == Alert.Workload(kind: "ReplicaSet", name: "web-7d9f"))
        #expect(clock.sleeps == Array(repeating: .seconds(10), count: 4))
    }

    @Test func aContainerThatNeverStartedHasNoLogsToRead() async {
        let reader = EnrichmentFakeClusterReader()
        let alert = await Samples.enrich(Samples.incident(.cannotStart, restartCount: 0, exitCode: nil, reason: "ImagePullBackOff"), reader: reader)
        #expect(alert.logs == nil)
        #expect(alert.logsUnavailableReason == "the container has not started, so it has no logs")
        #expect(reader.recordedLogReads.isEmpty)
    }

    @Test func aContainerThatCannotRestartShowsItsPreviousInstance() async {
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .value(Array("before the config broke\n".utf8))
        let alert = await Samples.enrich(Samples.incident(.cannotStart, restartCount: 4, exitCode: nil), reader: reader)
        #expect(alert.logs == "before the config broke\n")
        #expect(reader.recordedLogReads.map(\.previous) == [true])
    }

    @Test func podLevelIncidentsReadNoLogs() async {
        let reader = EnrichmentFakeClusterReader()
        let alert = await Samples.enrich(Samples.incident(.podEvicted, container: nil, exitCode: nil, reason: "Evicted"), reader: reader)
        #expect(alert.logs == nil)
        #expect(alert.logsUnavailableReason == nil)
        #expect(reader.recordedLogReads.isEmpty)
    }
}
