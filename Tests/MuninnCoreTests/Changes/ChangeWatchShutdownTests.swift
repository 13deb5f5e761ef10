import AsyncAlgorithms
import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import MuninnTesting
import ServiceLifecycle
import Testing

/// A graceful shutdown (SIGTERM) while a change is in the chain: the chain finishes and the change is recorded, so it
/// is sent once and not again at the next start; a chain that outlasts the drain timeout is cut off, named in the
/// log, and reported again at the next start.
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchShutdownTests {
    typealias Objects = ChangeObjects
    typealias Channel = AsyncThrowingChannel<InformerEvent<JSONValue>, any Error>

    static let updateID = "prod/apps/v1/deployments/shop/api/uid-api/101"

    /// The watch in a service group over an open event channel (it never ends by itself), on a manual clock.
    struct Setup {
        let clock = ManualClock()
        let store = InMemoryChangeStore()
        let channel = Channel()
        let logs = LogRecorder()
        let handler: SlowChangeHandler
        let group: ServiceGroup

        init(handlerTakes duration: Duration, drainTimeout: Duration = .seconds(10)) {
            handler = SlowChangeHandler(clock: clock, duration: duration)
            let channel = channel
            let service = ChangeWatchService(
                watches: [Objects.deployments], chain: ChangeChain([handler]), differ: FakeManifestDiffer(), store: store,
                events: ChangeEventSource { _, _ in channel }, settings: .init(cluster: Objects.cluster, drainTimeout: drainTimeout), clock: clock,
                now: { Objects.observedAt }, logger: logs.logger(label: "test.changes"))
            group = ServiceGroup(services: [service], gracefulShutdownSignals: [], logger: Logger(label: "test.group"))
        }

        /// Runs the group while `body` runs, then waits until it ended.
        func running(_ body: () async throws -> Void) async throws {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await body()
                try await tasks.waitForAll()
            }
        }

        /// A first run's list of `api`, then an update of its replicas that reaches the handler.
        func updateInTheChain() async {
            await channel.send(.added(Objects.deployment("api")))
            await channel.send(.synced)
            await channel.send(.modified(Objects.deployment("api", replicas: 5, resourceVersion: 101)))
            await clock.waitForSleepers(1)  // the handler is busy with it
        }

        func storedReplicas() async throws -> JSONValue? {
            let baselines = try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments")
            return baselines.first { $0.name == "api" }?.manifest[path: ["spec", "replicas"]]
        }
    }

    /// The next start over the same store: the cluster lists `api` with 5 replicas.
    static func restart(_ store: InMemoryChangeStore) async throws -> [ManifestChange] {
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run([.added(Objects.deployment("api", replicas: 5, resourceVersion: 101)), .synced])
        return recorder.calls
    }

    @Test func aShutdownDuringTheChainLetsItFinishOnceAndAdvancesTheBaseline() async throws {
        let setup = Setup(handlerTakes: .seconds(5))
        try await setup.running {
            await setup.updateInTheChain()
            await setup.group.triggerGracefulShutdown()
            await setup.clock.waitForSleepers(2)  // the handler's 5 s and the drain timeout's 10 s
            setup.clock.advance(by: .seconds(5))
        }
        #expect(setup.handler.finished.map(\.id) == [Self.updateID])
        #expect(setup.store.allChanges.map(\.id) == [Self.updateID])
        #expect(try await setup.storedReplicas() == .int(5))
        #expect(setup.logs.records.contains { $0.message == "shutting down: finishing the changes in the chain first" })
        #expect(!setup.logs.records.contains { $0.level == .warning })

        // Nothing is repeated at the next start.
        #expect(try await Self.restart(setup.store).isEmpty)
    }

    @Test func aChainOutlastingTheDrainTimeoutIsCutOffNamedInTheLogAndReportedAtTheNextStart() async throws {
        let setup = Setup(handlerTakes: .seconds(60), drainTimeout: .seconds(10))
        try await setup.running {
            await setup.updateInTheChain()
            await setup.group.triggerGracefulShutdown()
            await setup.clock.waitForSleepers(2)
            setup.clock.advance(by: .seconds(10))
        }
        #expect(setup.handler.started.map(\.id) == [Self.updateID])
        #expect(setup.handler.finished.isEmpty)
        #expect(setup.store.allChanges.isEmpty)
        #expect(try await setup.storedReplicas() == .int(2))
        let warning = try #require(setup.logs.records.first { $0.level == .warning })
        #expect(warning.message.contains("will be reported again at the next start"))
        #expect(warning.metadata["change.id"]?.description == Self.updateID)
        #expect(warning.metadata["change.object"]?.description == "shop/api")

        let reported = try await Self.restart(setup.store)
        #expect(reported.map(\.id) == [Self.updateID])
        #expect(reported.first?.whileStopped == true)
    }

    @Test func aShutdownWhileWaitingForEventsEndsAtOnce() async throws {
        let setup = Setup(handlerTakes: .seconds(5))
        try await setup.running {
            await setup.channel.send(.added(Objects.deployment("api")))
            await setup.channel.send(.synced)
            await setup.channel.send(.modified(Objects.deployment("api", replicas: 5, resourceVersion: 101)))
            await setup.clock.waitForSleepers(1)
            setup.clock.advance(by: .seconds(5))
            // The reader takes the next event only once the change is recorded.
            await setup.channel.send(.modified(Objects.deployment("api", replicas: 5, resourceVersion: 102)))
            await setup.group.triggerGracefulShutdown()
            // No clock advance: nothing in the chain, so the drain timeout is not waited for.
        }
        #expect(setup.store.allChanges.map(\.id) == [Self.updateID])
        #expect(!setup.logs.records.contains { $0.message.hasPrefix("shutting down") })
    }
}
