import AsyncAlgorithms
import Foundation
import KubeAPI
import MuninnCore
import MuninnTesting
import Testing

/// The detection stage: incidents and the detector's memory reach the outbox together, so a restart
/// neither repeats nor misses anything.
@Suite(.timeLimit(.minutes(1))) struct DetectionServiceTests {
    typealias P = DetectionPods
    let clock = ManualClock(start: DetectionPods.t0.addingTimeInterval(600))
    let store: InMemoryOutboxStore

    init() {
        let clock = clock
        store = InMemoryOutboxStore(now: { clock.date })
    }

    private func healthy(uid: String = "u-1") throws -> Pod {
        try P.pod(uid: uid, statuses: [P.status(ready: true)])
    }

    private func crashed(uid: String = "u-1", restarts: Int, instance: String) throws -> Pod {
        try P.pod(
            uid: uid,
            statuses: [
                P.status(
                    restartCount: restarts, state: P.waiting("CrashLoopBackOff"),
                    last: P.terminated(exitCode: 137, reason: "OOMKilled", id: "containerd://\(instance)"))
            ])
    }

    /// Runs one detection stage over `events` until they end, restoring what the store saved.
    private func detect(_ events: [InformerEvent<Pod>], doorbell: Doorbell = Doorbell()) async throws {
        let saved = try await store.detectionState(cluster: "prod")
        let clock = clock
        let service = DetectionService(
            events: events.async, detector: CrashDetector(restoring: saved), store: store, settings: .init(cluster: "prod"),
            enrichment: doorbell, clock: clock, now: { clock.date })
        try await service.run()
    }

    @Test func anIncidentIsQueuedWithTheMemoryThatFoundIt() async throws {
        let doorbell = Doorbell()
        try await detect([.added(healthy()), .synced, .modified(crashed(restarts: 1, instance: "01"))], doorbell: doorbell)
        #expect(store.queued.map(\.incident.reason) == ["OOMKilled"])
        #expect(store.queued.first?.incident.labels.isEmpty == true)
        let saved = try #require(try await store.detectionState(cluster: "prod"))
        #expect(saved.pods.map(\.name) == ["web-1"])
        // Enrichment was told.
        await doorbell.wait()
    }

    @Test func aRestartNeitherRepeatsNorMissesCrashes() async throws {
        try await detect([.added(healthy()), .synced, .modified(crashed(restarts: 1, instance: "01"))])
        // Muninn restarts: the same crash is in the first list, and nothing new happened.
        try await detect([.added(crashed(restarts: 1, instance: "01")), .synced])
        #expect(store.queued.count == 1)
        // Restarted again after the container crashed twice more while Muninn was down.
        try await detect([.added(crashed(restarts: 3, instance: "03")), .synced])
        let incidents = store.queued.map(\.incident)
        #expect(incidents.count == 2)
        #expect(incidents.last?.seenLate == true && incidents.last?.restartsSeen == 2)
    }

    @Test func aFirstStartIsABaselineAndIsSavedEvenWhenNothingIsRemembered() async throws {
        try await detect([.added(crashed(restarts: 4, instance: "04")), .added(healthy(uid: "u-2")), .synced])
        #expect(store.queued.isEmpty)
        #expect(try await store.detectionState(cluster: "prod") != nil)
        let empty = InMemoryOutboxStore()
        let service = DetectionService(
            events: [InformerEvent<Pod>.synced].async, detector: CrashDetector(), store: empty, settings: .init(cluster: "prod"),
            enrichment: Doorbell())
        try await service.run()
        #expect(try await empty.detectionState(cluster: "prod") == DetectionState())
    }

    @Test func aPodDeletedWhileMuninnWasDownIsForgotten() async throws {
        try await detect([.added(healthy()), .synced, .modified(crashed(restarts: 1, instance: "01"))])
        try await detect([.synced])
        #expect(try await store.detectionState(cluster: "prod")?.pods.isEmpty == true)
    }

    @Test func aFailingStoreHoldsTheWatchUntilItRecovers() async throws {
        store.setFailure("database or disk is full")
        let clock = clock
        let (events, continuation) = AsyncStream.makeStream(of: InformerEvent<Pod>.self)
        let service = DetectionService(
            events: events, detector: CrashDetector(), store: store, settings: .init(cluster: "prod", tickInterval: nil, saveInterval: .seconds(3600)),
            enrichment: Doorbell(), clock: clock, now: { clock.date })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            continuation.yield(.added(try healthy()))
            continuation.yield(.synced)
            continuation.yield(.modified(try crashed(restarts: 1, instance: "01")))
            continuation.finish()
            // The store's retry wait (the first is due after 500 ms).
            await clock.waitForSleeper(dueIn: .milliseconds(500))
            #expect(store.queued.isEmpty)
            store.setFailure(nil)
            clock.advance(by: .seconds(1))
            try await group.waitForAll()
        }
        #expect(store.queued.map(\.incident.reason) == ["OOMKilled"])
    }
}
