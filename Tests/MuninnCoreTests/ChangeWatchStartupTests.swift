import AsyncAlgorithms
import Foundation
import KubeAPI
import KubeJSON
import MuninnCore
import MuninnTesting
import Testing

/// Start-up: the initial list is a baseline, not a flood of additions; what changed while Muninn was not running is
/// reported once, marked as such.
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchStartupTests {
    typealias Objects = ChangeObjects

    @Test func firstRunTakesTheInitialListAsSilentBaselines() async throws {
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run([
            .added(Objects.deployment("api")), .added(Objects.deployment("web")), .synced,
        ])
        #expect(recorder.calls.isEmpty)
        #expect(store.allChanges.isEmpty)
        let baselines = try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments")
        // Both objects, normalised, plus the resource's marker (an empty name).
        #expect(baselines.map(\.name) == ["", "api", "web"])
        #expect(baselines.last?.manifest["status"] == nil)
        #expect(baselines.last?.resourceVersion == "100")
    }

    @Test func changesWhileStoppedAreReportedOnceAtStart() async throws {
        let store = InMemoryChangeStore()
        try await ChangeWatchRun(store: store, handlers: []).run([
            .added(Objects.deployment("api")), .added(Objects.deployment("web")), .added(Objects.deployment("idle")), .synced,
        ])

        // While stopped: api's image changed, web was deleted, worker was created, idle got a status update only.
        let recorder = RecordingChangeHandler()
        let later: [InformerEvent<JSONValue>] = [
            .added(Objects.deployment("api", image: "shop/app:2.0", resourceVersion: 200)),
            .added(Objects.deployment("idle", resourceVersion: 201, readyReplicas: 0)),
            .added(Objects.deployment("worker", resourceVersion: 202)),
            .synced,
        ]
        try await ChangeWatchRun(store: store, handlers: [recorder]).run(later)
        let reported = recorder.calls.map { "\($0.action.rawValue) \($0.name)" }
        #expect(reported == ["Update api", "Add worker", "Delete web"])
        #expect(recorder.calls.allSatisfy { $0.whileStopped })
        #expect(recorder.calls.first?.diff.fieldChanges.map(\.path) == ["spec.template"])
        #expect(store.allChanges.map(\.name) == ["api", "worker", "web"])

        // The same list again: nothing new.
        try await ChangeWatchRun(store: store, handlers: [recorder]).run(later)
        #expect(recorder.calls.count == 3)
        #expect(store.allChanges.count == 3)
    }

    /// A resource that had no objects last time is not a first run: its new objects were created while Muninn was down.
    @Test func anEmptyResourceIsRememberedAsListed() async throws {
        let store = InMemoryChangeStore()
        try await ChangeWatchRun(store: store, handlers: []).run([.synced])
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run([.added(Objects.deployment("api")), .synced])
        #expect(recorder.calls.map(\.action) == [.added])
        #expect(recorder.calls.first?.whileStopped == true)
    }

    @Test func anObjectCreatedAgainUnderTheSameNameIsADeletionAndAnAddition() async throws {
        let store = InMemoryChangeStore()
        try await ChangeWatchRun(store: store, handlers: []).run([.added(Objects.deployment("api")), .synced])
        let recorder = RecordingChangeHandler()
        try await ChangeWatchRun(store: store, handlers: [recorder]).run([
            .added(Objects.deployment("api", resourceVersion: 300, uid: "uid-new")), .synced,
        ])
        #expect(recorder.calls.map(\.action) == [.deleted, .added])
        #expect(recorder.calls.map(\.uid) == ["uid-api", "uid-new"])
        #expect(try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments").last?.uid == "uid-new")
    }

    @Test func eachNamespaceIsItsOwnScope() async throws {
        var watch = Objects.deployments
        watch.namespaces = ["a", "b"]
        let store = InMemoryChangeStore()
        let recorder = RecordingChangeHandler()
        var run = ChangeWatchRun(store: store, handlers: [recorder])
        run.watches = [watch]
        try await run.run { channels in
            await channels["a"]?.send(.added(Objects.deployment("api", namespace: "a")))
            await channels["a"]?.send(.synced)
            await channels["b"]?.send(.synced)
            await channels["b"]?.send(.added(Objects.deployment("api", namespace: "b")))
        }
        // a's list was silent; b's object came after its list, so it is news.
        #expect(recorder.calls.map { "\($0.action.rawValue) \($0.namespace)/\($0.name)" } == ["Add b/api"])
        #expect(recorder.calls.first?.whileStopped == false)
        let baselines = try await store.changeBaselines(cluster: Objects.cluster, resource: "apps/v1/deployments")
        #expect(baselines.map { "\($0.namespace)/\($0.name)" } == ["a/", "a/api", "b/", "b/api"])
    }
}
