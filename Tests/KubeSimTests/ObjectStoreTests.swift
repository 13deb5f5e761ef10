import Foundation
import KubeJSON
import Testing
@testable import KubeSim

@Suite struct ObjectStoreTests {
    private let pods = StorageKey(.pods)

    private func store(window: Int = 100) -> ObjectStore {
        ObjectStore(historyWindow: window, watchBufferSize: 10, continueTokenLifetime: .seconds(60), now: { Date() })
    }

    private func put(_ store: ObjectStore, _ name: String, namespace: String = "ns") throws {
        try store.commit(pods, ObjectKey(namespace: namespace, name: name)) { _ in ["metadata": ["name": .string(name), "namespace": .string(namespace)]] }
    }

    private func remove(_ store: ObjectStore, _ name: String, namespace: String = "ns") throws {
        try store.commit(pods, ObjectKey(namespace: namespace, name: name)) { _ in nil }
    }

    private func names(_ store: ObjectStore, namespace: String? = nil, limit: Int? = nil) throws -> [String] {
        try store.list(pods, namespace: namespace, labelSelector: .everything, fieldSelector: .everything, limit: limit,
                       snapshot: .latest).items.map(\.key.name)
    }

    @Test func keyOrderSurvivesChurnBetweenLists() throws {
        let store = store()
        for name in ["c", "a", "b"] { try put(store, name) }
        #expect(try names(store) == ["a", "b", "c"])
        try remove(store, "b")
        try put(store, "d")
        try put(store, "b")
        try remove(store, "a")
        try put(store, "a0")
        #expect(try names(store) == ["a0", "b", "c", "d"])
        try put(store, "x", namespace: "ns-2")
        try put(store, "y", namespace: "ns")
        #expect(try names(store, namespace: "ns") == ["a0", "b", "c", "d", "y"])
        #expect(try names(store, namespace: "ns-2") == ["x"])
    }

    @Test func unchangedWriteUsesNoResourceVersion() throws {
        let store = store()
        try put(store, "a")
        let rv = store.currentResourceVersion
        let result = try store.commit(pods, ObjectKey(namespace: "ns", name: "a")) { _ in ["metadata": ["name": "a", "namespace": "ns"]] }
        guard case .unchanged = result else {
            Issue.record("expected an unchanged write, got \(result)")
            return
        }
        #expect(store.currentResourceVersion == rv)
    }

    @Test func exactListUndoesLaterWrites() throws {
        let store = store()
        for name in ["a", "b", "c"] { try put(store, name) }
        let snapshot = store.currentResourceVersion
        try remove(store, "a")
        try put(store, "d")
        let page = try store.list(pods, namespace: nil, labelSelector: .everything, fieldSelector: .everything, limit: 2,
                                  snapshot: .exact(snapshot))
        #expect(page.items.map(\.key.name) == ["a", "b"])
        #expect(page.remainingItemCount == 1)
        let token = try ContinueToken(decoding: try #require(page.continueToken))
        let next = try store.list(pods, namespace: nil, labelSelector: .everything, fieldSelector: .everything, limit: 2,
                                  snapshot: .continuing(token))
        #expect(next.items.map(\.key.name) == ["c"])
        #expect(next.continueToken == nil)
    }

    @Test func slowWatcherIsClosedNotBuffered() async throws {
        let store = store()
        guard case .opened(let watch) = store.watch(pods, namespace: nil, labelSelector: .everything, fieldSelector: .everything,
                                                    from: store.currentResourceVersion) else {
            Issue.record("watch did not open")
            return
        }
        for index in 0..<20 { try put(store, "p\(index)") }  // buffer holds 10
        var received = 0
        for await signal in watch.stream { if case .event = signal { received += 1 } }
        #expect(received == 10)
        #expect(store.openWatchCount == 0)
    }
}
