import Foundation
import MuninnCore
import Testing

extension StoreContract {
    /// What was committed is there after the store is closed and opened again: the outbox's promise.
    public func dataSurvivesReopening() async throws {
        let record = StoreSamples.podRecord("api-1")
        let waiting = StoreSamples.incident("uid-a/app/c2", observedAt: StoreSamples.at(1))
        var pendingBefore: [PendingDelivery] = []
        try await database.withStore { store in
            try await queueAlerted(store, "uid-a/app/c1", lanes: [StoreSamples.opsLane, StoreSamples.webhookLane], threadKey: "k", at: StoreSamples.at(0))
            try await store.commitDetection(cluster: "prod", incidents: [waiting], podStates: [StoreSamples.update(record)])
            try await store.commitDetection(cluster: "empty", incidents: [], podStates: [])
            let due = try await store.dueDeliveries(now: StoreSamples.at(0), limit: 10)
            try #require(due.count == 2)
            try await store.recordAttempt(delivery: due[0].id, outcome: .delivered(DeliveryReceipt(messageID: "9.9")), at: StoreSamples.at(1))
            try await store.recordAttempt(delivery: due[1].id, outcome: .retry(error: "502", next: StoreSamples.at(40)), at: StoreSamples.at(1))
            pendingBefore = try await store.dueDeliveries(now: StoreSamples.at(40), limit: 10)
        }
        try await database.withStore { store in
            let saved = try await store.detectionState(cluster: "prod")
            #expect(saved?.pods == [record])
            #expect(try await store.detectionState(cluster: "empty") == DetectionState(pods: []))
            #expect(try await store.detectionState(cluster: "never") == nil)
            #expect(try await store.incidentsAwaitingEnrichment(limit: 10).map(\.incident) == [waiting])
            #expect(try await store.dueDeliveries(now: StoreSamples.at(40), limit: 10) == pendingBefore)
            #expect(pendingBefore.count == 1 && pendingBefore.first?.attempts == 1)
            #expect(try await store.nextDeliveryDue() == StoreSamples.at(40))
            #expect(try await store.threadParent(lane: StoreSamples.opsLane, threadKey: "k", since: StoreSamples.at(0)) == "9.9")
            // Identities queued before the restart are still known: a replay is still ignored.
            #expect(try await store.commitDetection(cluster: "prod", incidents: [waiting], podStates: []) == 0)
        }
    }

    /// Many tasks committing at once lose nothing and duplicate nothing.
    public func concurrentCommitsLoseNothing() async throws {
        try await database.withStore { store in
            let (tasks, perTask) = (8, 50)
            let queuedCounts = try await withThrowingTaskGroup(of: Int.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        var queued = 0
                        for index in 0..<perTask {
                            let incident = StoreSamples.incident("uid-\(task)/app/c\(index)", pod: "pod-\(task)", observedAt: StoreSamples.at(index))
                            let memory = StoreSamples.update(StoreSamples.podRecord("pod-\(task)-\(index)"))
                            queued += try await store.commitDetection(cluster: "prod", incidents: [incident], podStates: [memory])
                        }
                        return queued
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(queuedCounts == Array(repeating: perTask, count: tasks))
            let queued = try await store.incidentsAwaitingEnrichment(limit: 1_000)
            #expect(queued.count == tasks * perTask)
            #expect(Set(queued.map(\.incident.identity)).count == tasks * perTask)
            #expect(Set(queued.map(\.id)).count == tasks * perTask)
            #expect(try await store.detectionState(cluster: "prod")?.pods.count == tasks * perTask)

            // The same incidents from several tasks at once: each is queued exactly once.
            let replayed = StoreSamples.incident("uid-replay/app/c1")
            let replays = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<tasks {
                    group.addTask { try await store.commitDetection(cluster: "prod", incidents: [replayed], podStates: []) }
                }
                return try await group.reduce(0, +)
            }
            #expect(replays == 1)
        }
    }

    /// Commits whose tasks are cancelled mid-way are all-or-nothing, and leave the store working.
    public func cancelledCommitsAreAllOrNothing() async throws {
        try await database.withStore { store in
            let (tasks, perCommit) = (6, 20)
            await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        let incidents = (0..<perCommit).map { StoreSamples.incident("uid-\(task)/app/c\($0)", pod: "pod-\(task)") }
                        let memory = (0..<perCommit).map { StoreSamples.update(StoreSamples.podRecord("pod-\(task)-\($0)")) }
                        try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: memory)
                    }
                }
                group.cancelAll()
            }
            let queued = try await store.incidentsAwaitingEnrichment(limit: 1_000)
            let pods = try await store.detectionState(cluster: "prod")?.pods ?? []
            let committedTasks = Set(queued.map { $0.incident.podName })
            #expect(queued.count == committedTasks.count * perCommit)
            #expect(pods.count == committedTasks.count * perCommit)
            #expect(try await store.commitDetection(cluster: "prod", incidents: [StoreSamples.incident("after")], podStates: []) == 1)
        }
    }
}
