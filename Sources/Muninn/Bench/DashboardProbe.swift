import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Reads the soak's Muninn dashboard as a user and a Prometheus scrape do (`/healthz`, `/metrics`), so the
/// dashboard's connections are part of what is sampled, and takes the watch counters from the metrics.
struct DashboardProbe {
    struct Reading {
        var watchEvents: Int?
        var relists: Int?
    }

    let baseURL: String

    /// Nil when either request failed or did not answer 200.
    func read(_ client: HTTPClient) async -> Reading? {
        do {
            let health = try await client.execute(HTTPClientRequest(url: baseURL + "/healthz"), timeout: .seconds(10))
            _ = try await health.body.collect(upTo: 1 << 20)
            let metrics = try await client.execute(HTTPClientRequest(url: baseURL + "/metrics"), timeout: .seconds(10))
            let body = try await metrics.body.collect(upTo: 16 << 20)
            guard health.status == .ok, metrics.status == .ok else { return nil }
            let text = String(buffer: body)
            return Reading(watchEvents: Self.total("muninn_watch_events_total", in: text), relists: Self.total("muninn_watch_relists_total", in: text))
        } catch {
            return nil
        }
    }

    /// The sum of a metric's samples over all its labels, in the Prometheus text format; nil when absent.
    static func total(_ metric: String, in exposition: String) -> Int? {
        var sum: Double?
        for line in exposition.split(separator: "\n") where line.hasPrefix(metric) {
            let name = line.prefix { $0 != "{" && $0 != " " }
            guard name == metric, let value = line.split(separator: " ").last.flatMap({ Double($0) }) else { continue }
            sum = (sum ?? 0) + value
        }
        return sum.map { Int($0) }
    }
}
