import AsyncHTTPClient
import Foundation
import Logging
import MuninnCore
import MuninnDashboard
import MuninnStore
import MuninnTesting
import NIOHTTP1
import NIOCore
import ServiceLifecycle

/// A real SQLite store filled with `HistoryFixture`, a `DashboardService` on 127.0.0.1 port 0 in front of it,
/// and a client for it. The service stops (gracefully) when the body returns.
struct DashboardHarness: Sendable {
    let baseURL: String
    let ids: [String: Int64]

    struct Reply: Sendable {
        var status: Int
        var headers: [(String, String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
    }

    static let logger = Logger(label: "muninn.dashboard.tests")

    static func with(
        samples: [HistoryFixture.Sample] = HistoryFixture.samples, changes: (any ChangeStore)? = nil, auth: DashboardAuth = .none,
        readiness: @escaping @Sendable () async -> Bool = { true }, metrics: (@Sendable () -> [UInt8])? = nil,
        _ body: @Sendable (DashboardHarness) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-dashboard-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // try?: a temporary directory only
        let store = try await SQLiteStore.open(path: directory + "/muninn.db", logger: logger)
        do {
            let ids = try await HistoryFixture.fill(store, samples: samples)
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            let service = try DashboardService(
                store: store, changes: changes, host: "127.0.0.1", port: 0, auth: auth, readiness: readiness, metrics: metrics,
                now: { HistoryFixture.at(minutes: 1_600) }, onListening: { _, port in continuation.yield(port) }, logger: logger)
            let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw StoreError("the dashboard never listened") }
                do {
                    try await body(DashboardHarness(baseURL: "http://127.0.0.1:\(port)", ids: ids))
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await store.close()
        } catch {
            await store.close()
            throw error
        }
    }

    func get(_ path: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: String(buffer: buffer))
    }

    func id(_ name: String) throws -> Int64 { try ids.id(name) }
}
