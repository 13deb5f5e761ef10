import Foundation
import MuninnCore
import Testing

/// The behaviour every `OutboxStore` promises, one function per behaviour, written against the protocol
/// only so the PostgreSQL store can run the very same checks.
public struct StoreContract {
    public let database: any ContractDatabase

    public init(_ database: any ContractDatabase) {
        self.database = database
    }

    // MARK: Detector memory

    public func firstStartHasNoSavedState() async throws {
        try await database.withStore { store in
            #expect(try await store.detectionState(cluster: "prod") == nil)
            try await store.commitDetection(cluster: "prod", incidents: [], podStates: [StoreSamples.update(StoreSamples.podRecord("api-1"))])
            // Another cluster's memory is its own: still a first start there.
            #expect(try await store.detectionState(cluster: "staging") == nil)
        }
    }

    public func savedEmptyStateIsNotAFirstStart() async throws {
        try await database.withStore { store in
            let queued = try await store.commitDetection(cluster: "prod", incidents: [], podStates: [])
            #expect(queued == 0)
            #expect(try await store.detectionState(cluster: "prod") == DetectionState(pods: []))
        }
    }

    public func detectorMemoryRoundTripsAndForgets() async throws {
        try await database.withStore { store in
            let api = StoreSamples.podRecord("api-1")
            let web = StoreSamples.podRecord("web-1", namespace: "front")
            let worker = StoreSamples.podRecord("worker-1")
            try await store.commitDetection(
                cluster: "prod", incidents: [], podStates: [StoreSamples.update(api), StoreSamples.update(web), StoreSamples.update(worker)])
            #expect(try await store.detectionState(cluster: "prod")?.pods.sorted(by: Self.podOrder) == [web, api, worker])

            // Update one, forget one; within one batch the last update of a pod wins.
            var newerAPI = api
            newerAPI.containers[0].terminations.append("00000000000000bb")
            try await store.commitDetection(
                cluster: "prod", incidents: [],
                podStates: [StoreSamples.forget("api-1"), StoreSamples.update(newerAPI), StoreSamples.forget("worker-1")])
            #expect(try await store.detectionState(cluster: "prod")?.pods.sorted(by: Self.podOrder) == [web, newerAPI])

            // Forgetting every pod leaves a saved, empty memory, not a first start.
            try await store.commitDetection(
                cluster: "prod", incidents: [], podStates: [StoreSamples.forget("api-1"), StoreSamples.forget("web-1", namespace: "front")])
            #expect(try await store.detectionState(cluster: "prod") == DetectionState(pods: []))
        }
    }

    public func duplicateIdentitiesAreIgnored() async throws {
        try await database.withStore { store in
            let first = StoreSamples.incident("uid-a/app/c1")
            let second = StoreSamples.incident("uid-a/app/c2")
            let third = StoreSamples.incident("uid-a/app/c3")
            #expect(try await store.commitDetection(cluster: "prod", incidents: [first, second], podStates: []) == 2)
            #expect(try await store.commitDetection(cluster: "prod", incidents: [second, third], podStates: []) == 1)
            #expect(try await store.commitDetection(cluster: "prod", incidents: [third, third], podStates: []) == 0)
            // The same identity in another cluster is another incident.
            #expect(try await store.commitDetection(cluster: "staging", incidents: [first], podStates: []) == 1)

            let queued = try await store.incidentsAwaitingEnrichment(limit: 100)
            #expect(queued.map(\.incident.identity) == [first, second, third, first].map(\.identity))
            #expect(queued.map(\.cluster) == ["prod", "prod", "prod", "staging"])
        }
    }

    /// A replayed detection (its incidents already queued) still applies its memory.
    public func memoryAppliesEvenWhenAllIncidentsAreReplays() async throws {
        try await database.withStore { store in
            let incident = StoreSamples.incident("uid-a/app/c1")
            let record = StoreSamples.podRecord("api-1")
            try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [])
            let queued = try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [StoreSamples.update(record)])
            #expect(queued == 0)
            #expect(try await store.detectionState(cluster: "prod")?.pods == [record])
        }
    }

    /// A first list saves thousands of pods in one commit; forgetting many at once must work as well.
    public func largeMemoryBatchesRoundTrip() async throws {
        try await database.withStore { store in
            let records = (0..<1_500).map { StoreSamples.podRecord("pod-\($0)", namespace: "ns-\($0 % 7)") }
            try await store.commitDetection(cluster: "prod", incidents: [], podStates: records.map(StoreSamples.update))
            let saved = try #require(try await store.detectionState(cluster: "prod"))
            #expect(saved.pods.sorted(by: Self.podOrder) == records.sorted(by: Self.podOrder))

            let forgotten = records.filter { $0.name.hasSuffix("1") || $0.name.hasSuffix("5") }
            try await store.commitDetection(
                cluster: "prod", incidents: [], podStates: forgotten.map { StoreSamples.forget($0.name, namespace: $0.namespace) })
            let remaining = try #require(try await store.detectionState(cluster: "prod"))
            let expected = records.filter { !forgotten.contains($0) }
            #expect(remaining.pods.sorted(by: Self.podOrder) == expected.sorted(by: Self.podOrder))
        }
    }

    public static func podOrder(_ lhs: DetectionState.PodRecord, _ rhs: DetectionState.PodRecord) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }

    // MARK: Helpers shared by the contract's parts

    /// Queues an incident and commits its alert with one delivery per lane; returns the queued incident.
    @discardableResult
    public func queueAlerted(
        _ store: any OutboxStore, _ identity: String, lanes: [DeliveryLane], threadKey: String? = nil, at date: Date,
        cluster: String = "prod"
    ) async throws -> QueuedIncident {
        try await store.commitDetection(cluster: cluster, incidents: [StoreSamples.incident(identity, observedAt: date)], podStates: [])
        let queued = try #require(try await store.incidentsAwaitingEnrichment(limit: 1_000).first { $0.incident.identity == identity })
        try await store.commitAlert(
            incident: queued.id, alert: StoreSamples.alert(for: queued),
            deliveries: lanes.map { PlannedDelivery(lane: $0, threadKey: threadKey) }, suppression: nil, at: date)
        return queued
    }

    /// The due deliveries as `identity@destination/channel` strings, in the order the store returns them.
    public func dueNames(_ store: any OutboxStore, at date: Date, limit: Int = 100) async throws -> [String] {
        try await store.dueDeliveries(now: date, limit: limit).map { "\($0.alert.id)@\($0.lane.destination)/\($0.lane.channel ?? "-")" }
    }
}
