import Foundation
import MuninnCore
import MuninnTesting
import Testing

// MARK: Counts over time and by workload.
extension HistoryContract {
    public func countsPerDaySplitByReason() async throws {
        try await withFilledStore { store, _ in
            let days = try await store.buckets(IncidentQuery(), by: .day)
            #expect(days.buckets.map(\.start) == [HistoryFixture.at(minutes: -480), HistoryFixture.at(minutes: 960)])
            #expect(days.buckets.map(\.total) == [4, 2])
            #expect(
                days.buckets[0].counts == [
                    ReasonCount(reason: "Error", count: 2), ReasonCount(reason: "CrashLoopBackOff", count: 1), ReasonCount(reason: "OOMKilled", count: 1),
                ])
            #expect(days.reasons.first == ReasonCount(reason: "Error", count: 4) && days.total == 6)
        }
    }

    public func hoursWithoutIncidentsAreThereAsZero() async throws {
        try await withFilledStore { store, _ in
            let hours = try await store.buckets(IncidentQuery(namespace: "shop"), by: .hour)
            // 08:00 on the first day to 10:00 on the next: 27 hours.
            #expect(hours.buckets.count == 27)
            #expect(hours.buckets.first?.start == HistoryFixture.start && hours.buckets.first?.total == 1)
            #expect(hours.buckets[1].total == 1 && hours.buckets[2].total == 0 && hours.buckets.last?.total == 1)

            let ranged = try await store.buckets(
                IncidentQuery(since: HistoryFixture.at(minutes: -120), until: HistoryFixture.at(minutes: 240)), by: .hour)
            #expect(ranged.buckets.count == 6 && ranged.buckets.map(\.total) == [0, 0, 1, 1, 2, 0])
        }
    }

    public func bucketsLeaveRecoveriesOutWhenAsked() async throws {
        let recovery = HistoryFixture.Sample(
            name: "recovered", namespace: "shop", pod: "api-7d9f-x2", kind: .runningAgain, reason: nil, occurredAt: HistoryFixture.at(minutes: 10),
            outcome: .delivered(messageID: "r1"))
        try await withFilledStore(extra: [recovery]) { store, _ in
            #expect(try await store.buckets(IncidentQuery(), by: .day).reasons.contains(ReasonCount(reason: "runningAgain", count: 1)))
            let failures = Set(Incident.Kind.allCases.filter { !$0.isRecovery })
            let withoutRecoveries = try await store.buckets(IncidentQuery(kinds: failures), by: .day)
            #expect(withoutRecoveries.total == 6)
        }
    }

    public func workloadsThatCrashMost() async throws {
        try await withFilledStore { store, _ in
            let top = try await store.topWorkloads(IncidentQuery(), limit: 10)
            #expect(top.map(\.workload.name) == ["ledger", "api", "worker-1", "frontend"])
            #expect(top.map(\.count) == [2, 2, 1, 1])
            #expect(top[0].workload.kind == "StatefulSet" && top[0].namespace == "payments")
            #expect(top[0].lastOccurredAt == HistoryFixture.at(minutes: 155))
            #expect(top[0].reasons == [ReasonCount(reason: "CrashLoopBackOff", count: 1), ReasonCount(reason: "Error", count: 1)])
            #expect(top[2].workload == Alert.Workload(kind: "Pod", name: "worker-1"), "not enriched yet: the pod stands for itself")
            #expect(try await store.topWorkloads(IncidentQuery(), limit: 1).map(\.workload.name) == ["ledger"])
            #expect(try await store.topWorkloads(IncidentQuery(search: "Exception"), limit: 5).map(\.workload.name) == ["api"])
        }
    }
}
