import Foundation
import MuninnCore
import MuninnTesting
import Testing

// MARK: Lists, filters, paging and one incident in full.
extension HistoryContract {
    public func listsNewestFirstWithWhatHappenedToEachAlert() async throws {
        try await withFilledStore { store, ids in
            let page = try await store.incidents(IncidentQuery())
            #expect(page.items.map(\.id) == ["queued", "hostile", "backoff", "panic", "npe", "oom"].compactMap { ids[$0] })
            #expect(page.nextCursor == nil)
            let byID = Dictionary(uniqueKeysWithValues: page.items.map { ($0.id, $0) })
            let oom = try #require(byID[try ids.id("oom")])
            #expect(oom.workload == Alert.Workload(kind: "Deployment", name: "api") && oom.exitCode == 137 && oom.reason == "OOMKilled")
            #expect(oom.deliveries == DeliveryCounts(delivered: 1) && oom.occurredAt == HistoryFixture.at(minutes: 0))
            #expect(oom.image == "registry.local/shop/api-7d9f-x2:1.0" && oom.restartCount == 4)
            #expect(byID[try ids.id("npe")]?.deliveries == DeliveryCounts(failed: 1))
            #expect(byID[try ids.id("panic")]?.deliveries == DeliveryCounts(pending: 1))
            #expect(byID[try ids.id("backoff")]?.suppression == "muted by rule 2")
            let queued = try #require(byID[try ids.id("queued")])
            #expect(queued.enrichedAt == nil && queued.workload == nil && queued.message == "worker exited")
            #expect(byID[try ids.id("hostile")]?.message == HistoryFixture.hostileMessage)
        }
    }

    public func everyFilterNarrowsTheList() async throws {
        try await withFilledStore { store, ids in
            let cases: [(IncidentQuery, [String])] = [
                (IncidentQuery(namespace: "shop"), ["queued", "npe", "oom"]),
                (IncidentQuery(workload: WorkloadFilter(parsing: "Deployment/api")), ["npe", "oom"]),
                (IncidentQuery(workload: WorkloadFilter(parsing: "deployment/api")), ["npe", "oom"]),
                (IncidentQuery(workload: WorkloadFilter(parsing: "StatefulSet/api")), []),
                (IncidentQuery(workload: WorkloadFilter(parsing: "ledger")), ["backoff", "panic"]),
                (IncidentQuery(pod: "ledger-0"), ["backoff", "panic"]),
                (IncidentQuery(container: "worker"), ["queued"]),
                (IncidentQuery(reason: "Error"), ["queued", "hostile", "panic", "npe"]),
                (IncidentQuery(kinds: [.cannotStart]), ["backoff"]),
                (IncidentQuery(kinds: [.cannotStart, .containerTerminated], since: HistoryFixture.at(minutes: 150)), ["queued", "hostile", "backoff", "panic"]),
                (IncidentQuery(cluster: "prod", namespace: "payments", pod: "ledger-0"), ["backoff", "panic"]),
                (IncidentQuery(cluster: "staging"), []),
                (IncidentQuery(since: HistoryFixture.at(minutes: 90), until: HistoryFixture.at(minutes: 155)), ["panic", "npe"]),
                (IncidentQuery(reason: "Error", until: HistoryFixture.at(minutes: 1_000)), ["panic", "npe"]),
            ]
            for (query, expected) in cases {
                let names = try await store.allNames(query, ids: ids)
                #expect(names == expected, "\(query)")
            }
        }
    }

    public func pagesNeitherRepeatNorSkipWhileNewIncidentsArrive() async throws {
        // Pairs share a moment, so the id must break ties.
        let bulk = HistoryFixture.bulk(count: 30, first: HistoryFixture.at(minutes: 3_000), spacing: 60).enumerated().map { index, sample in
            var sample = sample
            sample.occurredAt = HistoryFixture.at(minutes: 3_000 + index / 2)
            return sample
        }
        try await withFilledStore(extra: bulk) { store, ids in
            var query = IncidentQuery(namespace: "bulk", limit: 7)
            var seen: [Int64] = []
            var round = 0
            while true {
                let page = try await store.incidents(query)
                #expect(page.items.count <= 7)
                seen += page.items.map(\.id)
                // Newer incidents arriving between pages belong before the first page, not in the next one.
                round += 1
                try await HistoryFixture.fill(
                    store, samples: HistoryFixture.bulk(count: 1, first: HistoryFixture.at(minutes: 9_000 + round), spacing: 0).map {
                        var sample = $0
                        sample.name = "late-\(round)"
                        return sample
                    })
                guard let next = page.nextCursor else { break }
                query.cursor = next
            }
            let expected = bulk.compactMap { ids[$0.name] }.sorted(by: >)
            // Within the bulk, ids grow with time, so newest first is highest id first.
            #expect(seen == expected)
            #expect(Set(seen).count == 30)
        }
    }

    public func oneIncidentInFull() async throws {
        try await withFilledStore { store, ids in
            let npe = try #require(try await store.incident(id: try ids.id("npe")))
            #expect(npe.incident?.identity == "uid-api-7d9f-x2/app/npe" && npe.incident?.exitCode == 1)
            #expect(npe.alert?.logs?.contains("java.lang.NullPointerException") == true)
            #expect(npe.alert?.exitCodeMeaning == "the application exited with an error")
            #expect(npe.queuedAt == HistoryFixture.start && npe.enrichedAt == HistoryFixture.at(minutes: 90).addingTimeInterval(2))
            let delivery = try #require(npe.deliveries.first)
            #expect(npe.deliveries.count == 1 && delivery.status == .failed && delivery.attempts == 1)
            #expect(delivery.lane == DeliveryLane(destination: "slack", channel: "#npe") && delivery.lastError == "channel_not_found")
            #expect(npe.problems.isEmpty)

            let oom = try #require(try await store.incident(id: try ids.id("oom")))
            #expect(oom.deliveries.first?.messageID == "1795161600.000100" && oom.deliveries.first?.deliveredAt != nil)
            let panic = try #require(try await store.incident(id: try ids.id("panic")))
            #expect(panic.deliveries.first?.status == .pending && panic.deliveries.first?.lastError == "HTTP 503 from hooks.slack.com")
            let queued = try #require(try await store.incident(id: try ids.id("queued")))
            #expect(queued.alert == nil && queued.incident != nil && queued.deliveries.isEmpty)

            #expect(try await store.incident(id: 999_999) == nil)
        }
    }
}
