import Foundation
import KubeJSON
import MuninnCore
import Testing

/// The behaviour every `ChangeStore` promises, written against the protocol only, so SQLite, PostgreSQL and the
/// in-memory fake run the very same checks.
public struct ChangeContract {
    public let database: any ChangeContractDatabase

    public init(_ database: any ChangeContractDatabase) {
        self.database = database
    }

    public func baselinesAreKeptPerClusterAndResource() async throws {
        try await database.withChangeStore { store in
            #expect(try await store.changeBaselines(cluster: "prod", resource: ChangeSamples.deployments).isEmpty)
            let web = ChangeSamples.baseline("web")
            let api = ChangeSamples.baseline("api")
            let other = ChangeSamples.baseline("api", namespace: "billing")
            for baseline in [web, api, other] {
                try await store.commitChange(
                    nil, cluster: "prod", resource: ChangeSamples.deployments, namespace: baseline.namespace, name: baseline.name, baseline: baseline)
            }
            try await store.commitChange(nil, cluster: "staging", resource: ChangeSamples.deployments, namespace: "shop", name: "api", baseline: api)
            try await store.commitChange(nil, cluster: "prod", resource: ChangeSamples.configMaps, namespace: "shop", name: "api", baseline: api)

            // Ordered by namespace, then name; the manifest comes back exactly (key order, numbers, unicode).
            let stored = try await store.changeBaselines(cluster: "prod", resource: ChangeSamples.deployments)
            #expect(stored == [other, api, web])
            #expect(stored.last?.manifest.serializedString() == web.manifest.serializedString())
            #expect(try await store.changeBaselines(cluster: "staging", resource: ChangeSamples.deployments) == [api])
            #expect(try await store.changeBaselines(cluster: "prod", resource: ChangeSamples.configMaps) == [api])
        }
    }

    public func baselineIsReplacedAndRemoved() async throws {
        try await database.withChangeStore { store in
            let resource = ChangeSamples.deployments
            try await store.commitChange(nil, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: ChangeSamples.baseline("api"))
            var newer = ChangeSamples.baseline("api", image: "shop/api:2.0", resourceVersion: "11")
            newer.uid = nil
            try await store.commitChange(nil, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: newer)
            #expect(try await store.changeBaselines(cluster: "prod", resource: resource) == [newer])
            try await store.commitChange(nil, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: nil)
            #expect(try await store.changeBaselines(cluster: "prod", resource: resource).isEmpty)
            // Removing what is not there is fine.
            try await store.commitChange(nil, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: nil)
        }
    }

    public func changesRoundTripAndAreAppendedOncePerID() async throws {
        try await database.withChangeStore { store in
            let change = ChangeSamples.change("c1", whileStopped: true)
            var bare = ChangeSamples.change("c2", name: "settings", kind: "ConfigMap", resource: ChangeSamples.configMaps, action: .deleted, at: 5, workload: nil, changedBy: nil)
            bare.uid = nil
            bare.diff = ManifestDiff(fieldChanges: [], unifiedDiff: "")
            let resource = ChangeSamples.deployments
            try await store.commitChange(change, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: ChangeSamples.baseline("api"))
            try await store.commitChange(bare, cluster: "prod", resource: ChangeSamples.configMaps, namespace: "shop", name: "settings", baseline: nil)
            #expect(try await store.changes(ChangeQuery()) == [bare, change])

            // The same change again (a retry, a restart) is not appended twice, but its baseline still applies.
            let newer = ChangeSamples.baseline("api", image: "shop/api:3.0", resourceVersion: "12")
            var replay = change
            replay.observedAt = ChangeSamples.at(60)
            try await store.commitChange(replay, cluster: "prod", resource: resource, namespace: "shop", name: "api", baseline: newer)
            #expect(try await store.changes(ChangeQuery()) == [bare, change])
            #expect(try await store.changeBaselines(cluster: "prod", resource: resource) == [newer])
        }
    }

    public func queriesFilterNewestFirst() async throws {
        try await database.withChangeStore { store in
            let samples = [
                ChangeSamples.change("a", at: 0),
                ChangeSamples.change("b", at: 10),
                // Same moment as "b": the id breaks the tie, newest (greatest) first.
                ChangeSamples.change("c", at: 10),
                ChangeSamples.change("d", name: "web", at: 20, workload: Alert.Workload(kind: "Deployment", name: "web")),
                ChangeSamples.change("e", namespace: "billing", at: 30),
                ChangeSamples.change("f", cluster: "staging", at: 40),
                ChangeSamples.change("g", name: "api-config", kind: "ConfigMap", resource: ChangeSamples.configMaps, at: 50, workload: nil),
                ChangeSamples.change("h", name: "api", kind: "StatefulSet", at: 60, workload: Alert.Workload(kind: "StatefulSet", name: "api")),
            ]
            for change in samples {
                try await store.commitChange(change, cluster: change.cluster, resource: change.resource, namespace: change.namespace, name: change.name, baseline: nil)
            }
            func ids(_ query: ChangeQuery) async throws -> [String] { try await store.changes(query).map(\.id) }
            #expect(try await ids(ChangeQuery()) == ["h", "g", "f", "e", "d", "c", "b", "a"])
            #expect(try await ids(ChangeQuery(limit: 3)) == ["h", "g", "f"])
            #expect(try await ids(ChangeQuery(limit: 0)) == [])
            #expect(try await ids(ChangeQuery(cluster: "staging")) == ["f"])
            #expect(try await ids(ChangeQuery(namespace: "billing")) == ["e"])
            let api = Alert.Workload(kind: "Deployment", name: "api")
            #expect(try await ids(ChangeQuery(cluster: "prod", namespace: "shop", workload: api)) == ["c", "b", "a"])
            #expect(try await ids(ChangeQuery(kind: "ConfigMap")) == ["g"])
            #expect(try await ids(ChangeQuery(name: "api")) == ["h", "f", "e", "c", "b", "a"])
            // Both ends are inclusive: a change at the very moment of a crash counts as before it.
            #expect(try await ids(ChangeQuery(since: ChangeSamples.at(10), until: ChangeSamples.at(30))) == ["e", "d", "c", "b"])
            #expect(try await ids(ChangeQuery(workload: api, since: ChangeSamples.at(5), until: ChangeSamples.at(10), limit: 1)) == ["c"])
        }
    }

    public func dataSurvivesReopening() async throws {
        let change = ChangeSamples.change("c1")
        let baseline = ChangeSamples.baseline("api")
        try await database.withChangeStore { store in
            try await store.commitChange(change, cluster: "prod", resource: ChangeSamples.deployments, namespace: "shop", name: "api", baseline: baseline)
        }
        try await database.withChangeStore { store in
            let changes = try await store.changes(ChangeQuery(cluster: "prod"))
            let baselines = try await store.changeBaselines(cluster: "prod", resource: ChangeSamples.deployments)
            #expect(changes == [change])
            #expect(baselines == [baseline])
        }
    }

    /// Retention by age removes old changes (not baselines: they are the watch's state); the size limit counts
    /// incidents only. For stores that are also the history.
    public func retentionPrunesOldChanges() async throws {
        try await database.withChangeStore { store in
            let history = try #require(store as? any HistoryStore)
            let old = ChangeSamples.change("old", at: 0)
            let recent = ChangeSamples.change("recent", at: 7_200)
            for change in [old, recent] {
                try await store.commitChange(
                    change, cluster: "prod", resource: ChangeSamples.deployments, namespace: "shop", name: "api", baseline: ChangeSamples.baseline("api"))
            }
            let result = try await history.prune(RetentionPolicy(maximumAge: .seconds(3_600)), now: ChangeSamples.at(7_300))
            #expect(result.changesRemoved == 1)
            #expect(try await store.changes(ChangeQuery()) == [recent])
            #expect(try await store.changeBaselines(cluster: "prod", resource: ChangeSamples.deployments).count == 1)
        }
    }
}
