import AsyncHTTPClient
import Foundation
import Logging
import MuninnCore
import MuninnDashboard
import MuninnStore
import NIOHTTP1
import NIOCore
import ServiceLifecycle

@testable import Muninn

/// The real `DashboardService` on 127.0.0.1 port 0 over a `BrowserHistory`, with the process's `/metrics`, and
/// Chromium to look at it. Stops gracefully when the body returns.
struct BrowserDashboard: Sendable {
    let baseURL: String
    let chromium: Chromium
    let screenshots: URL

    static let logger = Logger(label: "muninn.browser.tests")
    /// Pages loaded at once: each Chromium is several processes, and the machine runs other tests too.
    static let parallelPages = 2

    static func with(
        _ history: BrowserHistory, changes: (any ChangeStore)? = nil, _ body: @Sendable (BrowserDashboard) async throws -> Void
    ) async throws {
        let chromium = try Chromium.locate()
        let screenshots = try TestArtifacts.dashboard
        try await SQLiteStore.withStore(path: history.storePath, logger: logger) { store in
            let (ports, continuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
            let service = try DashboardService(
                store: store, changes: changes, host: "127.0.0.1", port: 0, metrics: MetricsBootstrap.exposition,
                onListening: { _, port in continuation.yield(port) }, logger: logger)
            let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = ports.makeAsyncIterator()
                guard let port = await iterator.next() else { throw BrowserTestError("the dashboard never listened") }
                let dashboard = BrowserDashboard(baseURL: "http://127.0.0.1:\(port)", chromium: chromium, screenshots: screenshots)
                do {
                    try await body(dashboard)
                } catch {
                    await group.triggerGracefulShutdown()
                    throw error
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }

    /// A page to load: its path, and the file name of its screenshot (nil: none).
    struct Visit: Sendable {
        var path: String
        var screenshot: String?
    }

    /// A loaded page: the DOM tree, Chromium's log, and the screenshot's path.
    struct Loaded {
        var document: DOMElement
        var log: String
        var screenshot: URL?
    }

    /// Loads every visit in Chromium, a few at a time, in order of the result.
    func load(_ visits: [Visit]) async throws -> [Loaded] {
        let pages = try await withThrowingTaskGroup(of: (Int, Chromium.Page).self) { group in
            var waiting = Array(visits.indices.reversed())
            var running = 0
            var pages: [Int: Chromium.Page] = [:]
            while !waiting.isEmpty || running > 0 {
                while running < Self.parallelPages, let index = waiting.popLast() {
                    let url = baseURL + visits[index].path
                    let file = visits[index].screenshot.map { screenshots.appendingPathComponent($0).path }
                    let chromium = self.chromium
                    group.addTask { (index, try await chromium.open(url, screenshot: file)) }
                    running += 1
                }
                guard let (index, page) = try await group.next() else { break }
                running -= 1
                pages[index] = page
            }
            return pages
        }
        return visits.indices.map { index in
            let page = pages[index]
            return Loaded(
                document: DOMParser.parse(page?.dom ?? ""), log: page?.log ?? "",
                screenshot: visits[index].screenshot.map { screenshots.appendingPathComponent($0) })
        }
    }

    func load(_ path: String, screenshot: String? = nil) async throws -> Loaded {
        try await load([Visit(path: path, screenshot: screenshot)])[0]
    }

    /// A plain GET (for `/metrics`, which is text, not a page).
    func get(_ path: String) async throws -> (status: Int, body: String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: baseURL + path), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}
