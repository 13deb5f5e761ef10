import Foundation
import KubeJSON
import Logging
import MuninnCore
import MuninnTesting
import Testing

/// The handlers without I/O: diff, ignoreEvents, log, and the chain's order.
@Suite
struct ChangeHandlerTests {
    static func change(_ action: ChangeAction, diff: ManifestDiff = ManifestDiff(fieldChanges: [FieldChange(path: "spec.replicas", operation: .changed, old: "2", new: "3")], unifiedDiff: "-2\n+3\n")) -> ManifestChange {
        ManifestChange(
            id: "c1", cluster: "prod", resource: "apps/v1/deployments", kind: "Deployment", namespace: "shop", name: "api", uid: "u1",
            action: action, observedAt: Date(timeIntervalSince1970: 1_800_000_000), workload: Alert.Workload(kind: "Deployment", name: "api"),
            changedBy: "helm", diff: diff)
    }

    static func context(old: JSONValue?, new: JSONValue?) -> ChangeContext {
        ChangeContext(old: old, new: new, policy: DiffPolicy(), differ: FakeManifestDiffer())
    }

    @Test func diffStopsWhenOnlyItsExtraIgnoredPathsDiffer() async throws {
        let old = ChangeObjects.deployment("api")
        let scaled = ChangeObjects.deployment("api", replicas: 7)
        let handler = DiffChangeHandler(extraIgnoredPaths: ["spec.replicas"])
        #expect(try await handler.handle(Self.change(.updated), context: Self.context(old: old, new: scaled)) == .stop)
        let rolled = ChangeObjects.deployment("api", image: "shop/app:9", replicas: 7)
        #expect(try await handler.handle(Self.change(.updated), context: Self.context(old: old, new: rolled)) == .continue)
        // Additions and deletions always go on, as in kwatchman.
        #expect(try await handler.handle(Self.change(.added), context: Self.context(old: nil, new: scaled)) == .continue)
        #expect(try await DiffChangeHandler().handle(Self.change(.updated, diff: ManifestDiff(fieldChanges: [], unifiedDiff: "")), context: Self.context(old: old, new: old)) == .stop)
    }

    @Test func ignoreEventsStopsTheListedActionsOnly() async throws {
        let handler = IgnoreEventsChangeHandler([.added, .deleted])
        let context = Self.context(old: nil, new: nil)
        #expect(try await handler.handle(Self.change(.added), context: context) == .stop)
        #expect(try await handler.handle(Self.change(.deleted), context: context) == .stop)
        #expect(try await handler.handle(Self.change(.updated), context: context) == .continue)
    }

    @Test func logMetadataCarriesTheChange() {
        let metadata = LogChangeHandler.metadata(for: Self.change(.updated))
        #expect(metadata["change.action"] == "Update")
        #expect(metadata["change.workload"] == "Deployment/api")
        #expect(metadata["change.changedBy"] == "helm")
        #expect(metadata["change.fields"] == .array(["spec.replicas: 2 -> 3"]))
    }

    @Test func destinationsWithoutChangeSupportFailPermanently() async throws {
        let handler = DestinationChangeHandler(notifier: AlertOnlyNotifier())
        await #expect(throws: NotifierError.permanent(reason: "destination pager cannot send changes")) {
            try await handler.handle(Self.change(.updated), context: Self.context(old: nil, new: nil))
        }
    }
}

/// A destination that only knows alerts.
struct AlertOnlyNotifier: Notifier {
    let name = "pager"
    func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt { DeliveryReceipt() }
}
