import ArgumentParser
import Foundation
import Logging
import MuninnCore
import MuninnStore
import MuninnTesting
import Testing

@testable import Muninn

/// `muninn incidents list|search|show` and `muninn stats` against a store filled through the outbox.
@Suite(.timeLimit(.minutes(1)))
struct HistoryCommandTests {
    /// The second day at noon.
    static let now = HistoryFixture.at(minutes: 1_680)

    /// Runs `body` with the path of a store holding the fixture's samples, and the samples' ids.
    private func withStore(_ body: (String, [String: Int64]) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // try?: a temporary directory only
        let path = directory + "/muninn.db"
        let ids = try await SQLiteStore.withStore(path: path, logger: Logger(label: "test"), now: { HistoryFixture.start }) { store in
            try await HistoryFixture.fill(store)
        }
        try await body(path, ids)
    }

    private func run(_ arguments: [String]) async throws -> [String] {
        var lines: [String] = []
        let command = try MuninnCommand.parseAsRoot(arguments)
        switch command {
        case let list as IncidentsListCommand: try await list.execute(now: Self.now) { lines.append($0) }
        case let search as IncidentsSearchCommand: try await search.execute(now: Self.now) { lines.append($0) }
        case let show as IncidentsShowCommand: try await show.execute { lines.append($0) }
        case let stats as StatsCommand: try await stats.execute(now: Self.now) { lines.append($0) }
        default: Issue.record("unexpected command \(type(of: command))")
        }
        return lines
    }

    private func json(_ lines: [String]) throws -> [String: Any] {
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func listPrintsAnAlignedTableOfTheNewestFirst() async throws {
        try await withStore { path, ids in
            let lines = try await run(["incidents", "list", "--store", path])
            #expect(lines.first?.hasPrefix("ID  OCCURRED (UTC)        NAMESPACE  WORKLOAD") == true, "\(lines)")
            #expect(lines.count == 7)
            #expect(lines[1].hasPrefix("\(ids["queued"] ?? 0)   2026-11-21T10:00:00Z  shop"))
            #expect(lines[1].contains("queued") && lines.last?.contains("Deployment/api") == true && lines.last?.contains("sent 1") == true)
            // Columns line up: every row has MESSAGE where the header has it.
            let header = lines[0]
            let column = header.distance(from: header.startIndex, to: try #require(header.range(of: "MESSAGE")).lowerBound)
            let hostile = try #require(lines.first { $0.contains("frontend") })
            #expect(hostile.dropFirst(column).hasPrefix("<script>alert(\"x\")</script> AND -foo"), "\(lines.joined(separator: "\n"))")
            #expect(!lines.joined().contains("\u{1B}"))
        }
    }

    @Test func filtersAndPagingFromTheCommandLine() async throws {
        try await withStore { path, _ in
            let shop = try await run(["incidents", "list", "--store", path, "-n", "shop", "--since", "2026-11-20T09:00:00Z", "--limit", "1"])
            #expect(shop.count == 3 && shop[1].contains("worker-1") && shop[2].hasPrefix("(more: add --cursor "))
            let cursor = String(try #require(shop[2].split(separator: " ").last).dropLast())
            let next = try await run(["incidents", "list", "--store", path, "-n", "shop", "--since", "2026-11-20T09:00:00Z", "--cursor", cursor])
            #expect(next.count == 2 && next[1].contains("exit status 1"))
            #expect(try await run(["incidents", "list", "--store", path, "--since", "1h"]) == ["no incidents match"])
            #expect(try await run(["incidents", "list", "--store", path, "--since", "3h", "--workload", "Deployment/frontend"]).count == 2)
            #expect(try await run(["incidents", "list", "--store", path, "--kind", "cannotStart"]).count == 2)
        }
    }

    @Test func listAsJSONHasStableFields() async throws {
        try await withStore { path, ids in
            let document = try json(try await run(["incidents", "list", "--store", path, "--reason", "OOMKilled", "-o", "json"]))
            let items = try #require(document["items"] as? [[String: Any]])
            #expect(items.count == 1 && document["nextCursor"] is NSNull)
            let oom = items[0]
            #expect(oom["id"] as? Int == Int(ids["oom"] ?? 0) && oom["reason"] as? String == "OOMKilled" && oom["exitCode"] as? Int == 137)
            #expect(oom["occurredAt"] as? String == "2026-11-20T08:00:00.000Z")
            #expect((oom["workload"] as? [String: Any])?["name"] as? String == "api")
            #expect((oom["deliveries"] as? [String: Any])?["delivered"] as? Int == 1)
        }
    }

    @Test func searchShowsTheMatchingLine() async throws {
        try await withStore { path, _ in
            let lines = try await run(["incidents", "search", "NullPointerException", "--store", path])
            #expect(lines.count == 2 && lines[0].hasSuffix("MATCH") && lines[1].contains("java.lang.NullPointerException"))
            let phrase = try json(try await run(["incidents", "search", "\"connection refused\"", "--store", path, "--output", "json"]))
            let items = try #require(phrase["items"] as? [[String: Any]])
            #expect(items.count == 1 && items[0]["matchedLine"] as? String == "dial tcp 10.0.0.7:5432: connect: connection refused")
            #expect(try await run(["incidents", "search", "--store", path, "--", "-foo AND *"]).count == 2)
        }
    }

    @Test func showPrintsTheWholeIncident() async throws {
        try await withStore { path, ids in
            let lines = try await run(["incidents", "show", String(try ids.id("oom")), "--store", path])
            let text = lines.joined(separator: "\n")
            #expect(lines.first == "Incident \(ids["oom"] ?? 0): prod/shop/api-7d9f-x2 container app")
            #expect(text.contains("exit code:    137: killed by SIGKILL: the container exceeded its memory limit (OOM killer)"))
            #expect(text.contains("signal:       9 (SIGKILL)"))
            #expect(text.contains("Events (1):\n  BackOff: Back-off restarting failed container app"))
            #expect(lines.contains("> Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space"))
            #expect(lines.contains("  Started ApiApplication in 4.2 seconds"))
            #expect(lines.contains { $0.contains("slack") && $0.contains("#oom") && $0.contains("delivered") && $0.contains("message 1795161600.000100") })

            let hostile = try await run(["incidents", "show", String(try ids.id("hostile")), "--store", path])
            #expect(!hostile.joined().contains("\u{1B}") && !hostile.joined().contains("\u{07}"))
            #expect(hostile.contains { $0.contains("\\u{1B}[31mred alert") })

            let document = try json(try await run(["incidents", "show", String(try ids.id("npe")), "--store", path, "-o", "json"]))
            #expect(document["exitCodeMeaning"] as? String == "the application exited with an error")
            #expect((document["crashLines"] as? [Int]) == [1])
            let deliveries = try #require(document["deliveryRecords"] as? [[String: Any]])
            #expect(deliveries.first?["status"] as? String == "failed" && deliveries.first?["lastError"] as? String == "channel_not_found")

            await #expect(throws: ExitCode.failure) { try await run(["incidents", "show", "424242", "--store", path]) }
        }
    }

    @Test func statsCountsReasonsWorkloadsAndDays() async throws {
        try await withStore { path, _ in
            let lines = try await run(["stats", "--store", path])
            #expect(lines.first == "Incidents: 6")
            #expect(lines.contains { $0.hasPrefix("  Error") && $0.contains("4") && $0.contains("66.7%") })
            #expect(lines.contains { $0.contains("StatefulSet/ledger") && $0.contains("CrashLoopBackOff 1, Error 1") })
            #expect(lines.contains { $0.hasPrefix("  2026-11-20T00:00:00Z  4") })
            let document = try json(try await run(["stats", "--store", path, "--by", "hour", "--top", "1", "-o", "json"]))
            #expect(document["total"] as? Int == 6 && (document["topWorkloads"] as? [Any])?.count == 1)
            #expect(((document["buckets"] as? [String: Any])?["items"] as? [Any])?.count == 27)
        }
    }

    @Test func aMissingStoreIsAnErrorAndStaysMissing() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-none-\(UUID().uuidString).db").path
        await #expect(throws: ExitCode.failure) { try await run(["incidents", "list", "--store", path]) }
        await #expect(throws: ExitCode.failure) { try await run(["stats", "--store", path]) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test(arguments: [
        ["incidents", "list", "--since", "yesterday"], ["incidents", "list", "--since", "1h", "--until", "2h"],
        ["incidents", "list", "--kind", "crashed"], ["incidents", "list", "--cursor", "abc"], ["incidents", "list", "--limit", "0"],
        ["incidents", "search", "\"\""], ["stats", "--by", "week"], ["stats", "--top", "0"], ["incidents", "show", "x"],
    ])
    func badOptionsAreClearErrors(_ arguments: [String]) async throws {
        try await withStore { path, _ in
            await #expect(throws: (any Error).self) { try await run(arguments + ["--store", path]) }
        }
    }
}
