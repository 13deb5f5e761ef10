import Foundation
import KubeJSON
import Synchronization

/// A local Grafana Loki push endpoint (`POST /loki/api/v1/push`, APIS.md §5.2).
///
/// Enforces: JSON (`Content-Type: application/json`; protobuf, gzip and others answer 415 here), `X-Scope-OrgID`
/// when `requireTenant` (401 `no org id`), credentials when `authorization` is set, the body shape (`streams` with a
/// non-empty `stream` of string labels whose names match `[a-zA-Z_][a-zA-Z0-9_]*`, `values` of `[ns-string, line]` or
/// `[ns-string, line, {flat string map}]`), lines up to `maximumLineBytes` (400), timestamps not older than
/// `rejectOlderThan` nor newer than `now` + 10 min (400), out-of-order entries more than an hour behind a stream's
/// newest (400), an entry with the same timestamp and line as a stored one dropped silently, an ingestion rate per
/// tenant (429 `rate_limited`) and a stream count cap (429 `stream_limit`). 204 on success.
public final class FakeLoki: Sendable {
    public struct State: Sendable {
        public var scripted: [FakeAnswer] = []
        public internal(set) var requests: [RecordedRequest] = []
        /// Stored entries by tenant ("fake" without one) and stream (its labels rendered `{a="b",…}`, sorted).
        public internal(set) var streams: [String: [String: [FakeLokiEntry]]] = [:]
        /// Entries dropped because an identical one (same timestamp and line) was stored.
        public internal(set) var duplicatesDropped = 0
        var bucket: [String: (tokens: Double, at: Date)] = [:]
    }

    let authorization: String?
    let requireTenant: Bool
    let maximumLineBytes: Int
    let rejectOlderThan: TimeInterval
    /// Bytes per second and burst per tenant; nil for no limit.
    let ingestionRate: (bytesPerSecond: Double, burst: Double)?
    let maximumStreams: Int?
    let now: @Sendable () -> Date
    let state = Mutex(State())
    let arrivals = Arrivals<FakeLokiPush>()
    let hold = FakeHold()
    let lostAnswers = FakeHold()

    public init(
        authorization: String? = nil, requireTenant: Bool = false, maximumLineBytes: Int = 256 * 1024, rejectOlderThan: TimeInterval = 7 * 24 * 3600,
        ingestionRate: (bytesPerSecond: Double, burst: Double)? = nil, maximumStreams: Int? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.authorization = authorization
        self.requireTenant = requireTenant
        self.maximumLineBytes = maximumLineBytes
        self.rejectOlderThan = rejectOlderThan
        self.ingestionRate = ingestionRate
        self.maximumStreams = maximumStreams
        self.now = now
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every accepted push, oldest first.
    public var pushes: [FakeLokiPush] { arrivals.items }

    public func waitForPushes(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeLokiPush] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// The entries of one stream of a tenant, by its labels.
    public func entries(_ labels: [String: String], tenant: String = "fake") -> [FakeLokiEntry] {
        snapshot.streams[tenant]?[Self.selector(labels)] ?? []
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) {
        update { $0.scripted.append(contentsOf: Array(repeating: answer, count: count)) }
    }

    public func holdNext(_ count: Int) { hold.add(count) }

    /// Processes the next `count` requests (documents are stored) but never answers them until the fake stops, as when
    /// the connection drops after the server did its work: the client times out and sends the same thing again.
    public func loseNextAnswers(_ count: Int) { lostAnswers.add(count) }

    static func selector(_ labels: [String: String]) -> String {
        "{" + labels.keys.sorted().map { "\($0)=\"\(labels[$0] ?? "")\"" }.joined(separator: ", ") + "}"
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            if !state.scripted.isEmpty { return state.scripted.removeFirst() }
            guard request.path == "/loki/api/v1/push" else { return .text("404 page not found\n", status: 404) }
            guard request.method == "POST" else { return .text("405 method not allowed\n", status: 405) }
            if let authorization, request.header("Authorization") != authorization { return .text("unauthorized\n", status: 401) }
            let tenant = request.header("X-Scope-OrgID")
            if requireTenant, tenant?.isEmpty ?? true { return .text("no org id\n", status: 401) }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
                return .text("this fake accepts only application/json pushes, got \(request.header("Content-Type") ?? "none")\n", status: 415)
            }
            if let encoding = request.header("Content-Encoding"), !encoding.isEmpty, encoding.lowercased() != "identity" {
                return .text("this fake does not decode Content-Encoding \(encoding)\n", status: 415)
            }
            return push(request, tenant: tenant, now: now, state: &state)
        }
    }
}

/// Runs `body` with a fake Loki and its base URL (`http://127.0.0.1:<port>`).
@discardableResult
public func withFakeLoki<Result: Sendable>(_ fake: FakeLoki = FakeLoki(), _ body: (FakeLoki, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if fake.hold.take() {
            await fake.hold.wait()
            return .text("held", status: 504)
        }
        if fake.lostAnswers.take() {
            let answer = fake.handle(request)
            await fake.lostAnswers.wait()
            return answer
        }
        return fake.handle(request)
    }) { port in
        defer {
            fake.hold.releaseAll()
            fake.lostAnswers.releaseAll()
        }
        return try await body(fake, "http://127.0.0.1:\(port)")
    }
}
