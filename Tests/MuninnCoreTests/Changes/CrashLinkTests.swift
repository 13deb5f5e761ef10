import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import MuninnTesting
import Testing

/// A crash of a workload that changed shortly before carries the change; older changes, other workloads and a
/// failing change store do not hold the alert back or mislink it.
@Suite struct CrashLinkTests {
    static let crashTime = Date(timeIntervalSince1970: 1_795_000_000)
    let workload = Alert.Workload(kind: "Deployment", name: "web")

    static func change(id: String, minutesBefore: Double, workload: Alert.Workload? = Alert.Workload(kind: "Deployment", name: "web"),
                       namespace: String = "shop", cluster: String = "prod", fieldChanges: [FieldChange]? = nil, whileStopped: Bool = false) -> ManifestChange {
        let fields = fieldChanges ?? [
            FieldChange(path: "spec.template.spec.containers[name=web].image", operation: .changed, old: "shop/web:v1", new: "shop/web:v2")
        ]
        return ManifestChange(
            id: id, cluster: cluster, resource: "apps/v1/deployments", kind: "Deployment", namespace: namespace, name: workload?.name ?? "x",
            uid: "u", action: .updated, observedAt: crashTime.addingTimeInterval(-minutesBefore * 60), whileStopped: whileStopped,
            workload: workload, changedBy: "kubectl-client-side-apply",
            diff: ManifestDiff(fieldChanges: fields, unifiedDiff: fields.isEmpty ? "" : "--- a/Deployment/shop/web\n+++ b/Deployment/shop/web\n"))
    }

    func alert(kind: Alert.Kind = .crashed, workload: Alert.Workload? = Alert.Workload(kind: "Deployment", name: "web")) -> Alert {
        Alert(id: "a1", kind: kind, cluster: "prod", namespace: "shop", pod: "web-abc", container: "web", workload: workload, occurredAt: Self.crashTime)
    }

    func store(_ changes: [ManifestChange]) async throws -> InMemoryChangeStore {
        let store = InMemoryChangeStore()
        for change in changes {
            try await store.commitChange(change, cluster: change.cluster, resource: change.resource, namespace: change.namespace, name: change.name, baseline: nil)
        }
        return store
    }

    @Test func changeTwoMinutesBeforeIsLinked() async throws {
        let link = ChangeLink(store: try await store([Self.change(id: "c1", minutesBefore: 2)]), window: .seconds(1800))
        let preceding = try #require(try await link.precedingChange(for: alert()))
        #expect(preceding.changeID == "c1")
        #expect(preceding.summary == "image of web changed v1 -> v2")
        #expect(preceding.sentence(for: alert()) == "Started crashing 2 minutes after image of web changed v1 -> v2 (by kubectl-client-side-apply at 11:04 UTC)")
    }

    @Test func changeFortyMinutesBeforeIsNotLinked() async throws {
        let link = ChangeLink(store: try await store([Self.change(id: "c1", minutesBefore: 40)]), window: .seconds(1800))
        #expect(try await link.precedingChange(for: alert()) == nil)
    }

    @Test func otherWorkloadsNamespacesAndClustersAreNotLinked() async throws {
        let link = ChangeLink(
            store: try await store([
                Self.change(id: "other", minutesBefore: 2, workload: Alert.Workload(kind: "Deployment", name: "api")),
                Self.change(id: "sts", minutesBefore: 2, workload: Alert.Workload(kind: "StatefulSet", name: "web")),
                Self.change(id: "ns", minutesBefore: 2, namespace: "staging"),
                Self.change(id: "cluster", minutesBefore: 2, cluster: "dev"),
            ]))
        #expect(try await link.precedingChange(for: alert()) == nil)
    }

    @Test func newestChangeWithADiffWinsAndWhileStoppedCounts() async throws {
        let link = ChangeLink(
            store: try await store([
                Self.change(id: "older", minutesBefore: 20),
                Self.change(id: "stopped", minutesBefore: 10, whileStopped: true),
                Self.change(id: "empty", minutesBefore: 1, fieldChanges: []),
                Self.change(id: "after", minutesBefore: -1),
            ]))
        #expect(try await link.precedingChange(for: alert())?.changeID == "stopped")
    }

    @Test func onlyFailureKindsWithAWorkloadAreLinked() async throws {
        let link = ChangeLink(store: try await store([Self.change(id: "c1", minutesBefore: 2)]))
        #expect(try await link.precedingChange(for: alert(kind: .recovered)) == nil)
        #expect(try await link.precedingChange(for: alert(kind: .evicted)) == nil)
        #expect(try await link.precedingChange(for: alert(workload: nil)) == nil)
        #expect(try await link.precedingChange(for: alert(kind: .cannotStart)) != nil)
    }

    @Test(.timeLimit(.minutes(1))) func enricherAttachesTheChange() async throws {
        let store = try await store([Self.change(id: "c1", minutesBefore: 2)])
        let enricher = AlertEnricher(configuration: .init(clusterName: "prod"), changeLink: ChangeLink(store: store), clock: EnrichmentClocks.Never())
        let alert = await enricher.enrich(Self.incident(), reader: EmptyClusterReader(), logger: Logger(label: "test"))
        #expect(alert.workload == workload)
        #expect(alert.precedingChange?.changeID == "c1")
    }

    @Test(.timeLimit(.minutes(1))) func failingChangeStoreNeverBlocksTheAlert() async throws {
        let store = try await store([Self.change(id: "c1", minutesBefore: 2)])
        store.setFailing(true)
        let enricher = AlertEnricher(configuration: .init(clusterName: "prod"), changeLink: ChangeLink(store: store), clock: EnrichmentClocks.Never())
        let alert = await enricher.enrich(Self.incident(), reader: EmptyClusterReader(), logger: Logger(label: "test"))
        #expect(alert.precedingChange == nil)
        #expect(alert.id == Self.incident().identity)
    }

    @Test(.timeLimit(.minutes(1))) func withoutALinkNothingIsLookedUp() async throws {
        let alert = await AlertEnricher(clock: EnrichmentClocks.Never()).enrich(Self.incident(), reader: EmptyClusterReader(), logger: Logger(label: "test"))
        #expect(alert.precedingChange == nil)
    }

    static func incident() -> Incident {
        Incident(
            kind: .containerTerminated, namespace: "shop", podName: "web-abc", podUID: "pod-uid",
            owner: OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "deployment-uid", controller: true), container: "web",
            finishedAt: crashTime, identity: "pod-uid/web/1", observedAt: crashTime)
    }
}

/// A cluster with nothing to read: every read fails at once, which enrichment tolerates.
private struct EmptyClusterReader: ClusterReader {
    func containerLogs(namespace: String, pod: String, container: String, previous: Bool, tailLines: Int, limitBytes: Int) async throws -> [UInt8] {
        throw KubeAPIError.logsUnavailable(message: "no logs here")
    }
    func podEvents(namespace: String, pod: String, uid: String?) async throws -> [KubeEvent] { [] }
    func ownerReferences(kind: String, namespace: String, name: String) async throws -> [OwnerReference] { [] }
    func nodeConditions(node: String) async throws -> [NodeCondition] { [] }
}
