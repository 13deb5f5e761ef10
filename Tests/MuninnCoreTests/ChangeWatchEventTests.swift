import Foundation
import KubeAPI
import KubeJSON
import MuninnCore
import MuninnTesting
import Testing

/// Watch events after the initial list: what is a change, what is recorded, and the retries.
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchEventTests {
    typealias Objects = ChangeObjects
    static let start: [InformerEvent<JSONValue>] = [.added(Objects.deployment("api")), .synced]

    @Test func anUpdateRunsTheChainAndIsRecordedWithTheNewBaseline() async throws {
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run(Self.start + [.modified(Objects.deployment("api", replicas: 5, resourceVersion: 101))])
        let change = try #require(recorder.calls.first)
        #expect(recorder.calls.count == 1)
        #expect(change.action == .updated && !change.whileStopped)
        #expect(change.diff.fieldChanges == [FieldChange(path: "spec.replicas", operation: .changed, old: "2", new: "5")])
        #expect(change.id == "prod/apps/v1/deployments/shop/api/uid-api/101")
        #expect(change.workload == Alert.Workload(kind: "Deployment", name: "api"))
        // The newest manager of the object itself, not the controller writing status.
        #expect(change.changedBy == "kubectl-client-side-apply")
        #expect(change.observedAt == Objects.observedAt)
        #expect(store.allChanges == [change])
        let baseline = try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments").last
        #expect(baseline?.manifest[path: ["spec", "replicas"]] == .int(5))
        #expect(baseline?.resourceVersion == "101")
    }

    @Test func statusOnlyAndResourceVersionOnlyUpdatesProduceNothing() async throws {
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run(Self.start + [
            .modified(Objects.deployment("api", resourceVersion: 101, readyReplicas: 1)),
            .modified(Objects.deployment("api", resourceVersion: 102)),
            .modified(Objects.deployment("api", resourceVersion: 103, manager: "helm")),
        ])
        #expect(recorder.calls.isEmpty)
        #expect(store.allChanges.isEmpty)
    }

    @Test func theDiffPolicyIgnoresReplicas() async throws {
        var watch = Objects.deployments
        watch.policy = DiffPolicy(ignoredPaths: ["spec.replicas"])
        let recorder = RecordingChangeHandler()
        var run = ChangeWatchRun(store: InMemoryChangeStore(), handlers: [recorder])
        run.watches = [watch]
        try await run.run(Self.start + [
            .modified(Objects.deployment("api", replicas: 9, resourceVersion: 101)),
            .modified(Objects.deployment("api", image: "shop/app:2.0", replicas: 9, resourceVersion: 102)),
        ])
        #expect(recorder.calls.map { $0.diff.fieldChanges.map(\.path) } == [["spec.template"]])
    }

    @Test func additionsAndDeletionsAreReported() async throws {
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run(Self.start + [
            .added(Objects.deployment("web", resourceVersion: 101)),
            .deleted(Objects.deployment("api", resourceVersion: 102)),
            // A relist's placeholder for an object never seen says nothing.
            .deleted(JSONValue(placeholderFor: ObjectKey(namespace: "shop", name: "ghost"))),
        ])
        #expect(recorder.calls.map { "\($0.action.rawValue) \($0.name)" } == ["Add web", "Delete api"])
        #expect(recorder.calls.last?.id == "prod/apps/v1/deployments/shop/api/uid-api/deleted")
        let names = try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments").map(\.name)
        #expect(names == ["", "web"])
    }

    @Test func aFailingHandlerIsRetriedWithBackoffAndTheChangeRecordedOnce() async throws {
        let store = InMemoryChangeStore()
        let before = RecordingChangeHandler(name: "before")
        let flaky = RecordingChangeHandler(name: "flaky", failures: [HandlerFailure(), HandlerFailure()])
        let run = ChangeWatchRun(store: store, handlers: [before, flaky])
        try await run.run(Self.start + [.modified(Objects.deployment("api", image: "shop/app:2.0", resourceVersion: 101))])
        // The retry resumes at the handler that failed: the one before it ran once.
        #expect(before.calls.count == 1)
        #expect(flaky.calls.count == 3)
        #expect(run.clock.sleeps == [.seconds(1), .seconds(2)])
        #expect(store.allChanges.count == 1)
    }

    /// kwatchman stored the new manifest before its Slack handler ran, so a failed delivery was never retried. Here
    /// the baseline moves only once the chain finished: the next change of the object carries the lost one too.
    @Test func aGivenUpChangeLeavesTheBaselineAndComesBackWithTheNextOne() async throws {
        let store = InMemoryChangeStore()
        let failures: [any Error & Sendable] = [HandlerFailure(), HandlerFailure()]
        let recorder = RecordingChangeHandler(failures: failures)
        var run = ChangeWatchRun(store: store, handlers: [recorder])
        run.attempts = 2
        try await run.run(Self.start + [
            .modified(Objects.deployment("api", image: "shop/app:2.0", resourceVersion: 101)),
            .modified(Objects.deployment("api", image: "shop/app:2.0", replicas: 3, resourceVersion: 102)),
        ])
        #expect(recorder.calls.count == 3)
        #expect(recorder.calls.last?.diff.fieldChanges.map(\.path) == ["spec.replicas", "spec.template"])
        #expect(store.allChanges.map(\.id) == ["prod/apps/v1/deployments/shop/api/uid-api/102"])
    }

    @Test func aPermanentDestinationErrorIsNotRetried() async throws {
        let failures: [any Error & Sendable] = [NotifierError.permanent(reason: "channel_not_found")]
        let recorder = RecordingChangeHandler(failures: failures)
        let run = ChangeWatchRun(store: InMemoryChangeStore(), handlers: [recorder])
        try await run.run(Self.start + [.modified(Objects.deployment("api", replicas: 4, resourceVersion: 101))])
        #expect(recorder.calls.count == 1)
        #expect(run.clock.sleeps.isEmpty)
    }

    @Test func aDestinationsRetryAfterIsHonoured() async throws {
        let failures: [any Error & Sendable] = [NotifierError.retryable(reason: "429", retryAfter: .seconds(30))]
        let recorder = RecordingChangeHandler(failures: failures)
        let run = ChangeWatchRun(store: InMemoryChangeStore(), handlers: [recorder])
        try await run.run(Self.start + [.modified(Objects.deployment("api", replicas: 4, resourceVersion: 101))])
        #expect(run.clock.sleeps == [.seconds(30)])
    }

    /// The timeline wants every change: one an ignoreEvents handler stops is recorded, only not sent.
    @Test func aChangeTheChainStopsIsStillRecorded() async throws {
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [IgnoreEventsChangeHandler([.updated]), recorder]).run(Self.start + [
            .modified(Objects.deployment("api", replicas: 4, resourceVersion: 101)),
            .added(Objects.deployment("web", resourceVersion: 102)),
        ])
        #expect(recorder.calls.map(\.name) == ["web"])
        #expect(store.allChanges.map(\.name) == ["api", "web"])
    }

    @Test func aFailingStorePausesWithoutRunningTheChainAgain() async throws {
        let store = FlakyChangeStore(failingCommits: 3)
        let recorder = RecordingChangeHandler()
        let run = ChangeWatchRun(store: store, handlers: [recorder])
        // The first commit (the silent baseline of api) fails three times; the marker and the change follow.
        try await run.run(Self.start + [.modified(Objects.deployment("api", replicas: 4, resourceVersion: 101))])
        #expect(recorder.calls.count == 1)
        #expect(store.base.allChanges.count == 1)
        #expect(store.commitAttempts == 6)
        #expect(run.clock.sleeps.count == 3)
    }
}
