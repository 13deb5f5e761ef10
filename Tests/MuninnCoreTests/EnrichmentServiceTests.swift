import Foundation
import KubeAPI
import MuninnCore
import MuninnTesting
import Testing

/// The enrichment stage: queued incidents become alerts with planned deliveries, in queue order.
@Suite(.timeLimit(.minutes(1))) struct EnrichmentServiceTests {
    let store = InMemoryOutboxStore()
    let slack = DeliveryLane(destination: "slack", channel: "#ops")

    /// Runs the stage until it has committed what is queued (it rings `delivery` after each batch).
    private func enrichQueued(
        route: @escaping EnrichmentService.Route, gate: AlertGate = AlertGate(), reader: EnrichmentFakeClusterReader = EnrichmentFakeClusterReader()
    ) async throws {
        let delivery = Doorbell()
        let service = EnrichmentService(
            store: store, enricher: AlertEnricher(clock: ImmediateClock()), reader: reader, route: route, gate: gate,
            settings: .init(concurrency: 2), doorbell: Doorbell(), delivery: delivery, clock: ImmediateClock())
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            while try await !store.incidentsAwaitingEnrichment(limit: 1).isEmpty { await delivery.wait() }
            group.cancelAll()
        }
    }

    @Test func incidentsBecomeAlertsWithDeliveriesInQueueOrder() async throws {
        let incidents = (1...5).map { PipelineSamples.incident($0) }
        try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .value(Array("panic: boom\n".utf8))
        let lane = slack
        try await enrichQueued(route: { _, _ in .deliver([lane]) }, reader: reader)
        let queued = store.queued
        #expect(queued.map { $0.alert?.id } == incidents.map(\.identity))
        #expect(queued.allSatisfy { $0.alert?.cluster == "prod" && $0.alert?.logs?.contains("panic: boom") == true })
        #expect(store.deliveryRecords.map(\.alertID) == incidents.map(\.identity))
        #expect(store.deliveryRecords.allSatisfy { $0.lane == lane && $0.status == "pending" })
    }

    @Test func whatRoutingOrTheGateHoldsBackIsKeptWithItsReason() async throws {
        var muted = PipelineSamples.incident(1)
        muted.annotations = ["kube-slack/ignore-pod": "true"]
        // Two pods of one StatefulSet failing the same way: flood control lets the first through.
        var replicas = [PipelineSamples.incident(2), PipelineSamples.incident(3)]
        for index in replicas.indices {
            replicas[index].owner = OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "ss-1", controller: true)
        }
        let incidents = [muted] + replicas
        try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
        let lane = slack
        try await enrichQueued(
            route: { _, incident in
                incident.annotations["kube-slack/ignore-pod"] == "true" ? .suppressed(reason: "pod annotation kube-slack/ignore-pod") : .deliver([lane])
            },
            gate: AlertGate(flood: FloodControl(expiry: 60)))
        let suppressions = store.queued.map(\.suppression)
        #expect(suppressions[0] == "pod annotation kube-slack/ignore-pod")
        #expect(suppressions[1] == nil)
        #expect(suppressions[2]?.hasPrefix("flood control") == true)
        #expect(store.deliveryRecords.map(\.alertID) == [replicas[0].identity])
    }

    @Test func deliveriesCarryTheThreadKeyOfTheirContainer() async throws {
        try await store.commitDetection(cluster: "prod", incidents: [PipelineSamples.incident(1)], podStates: [])
        let lane = slack
        try await enrichQueued(route: { _, _ in .deliver([lane]) })
        let due = try await store.dueDeliveries(now: Date().addingTimeInterval(1), limit: 10)
        #expect(due.first?.threadKey == "prod|shop|Pod/web-1|web|crashed")
    }
}
