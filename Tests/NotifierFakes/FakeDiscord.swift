import Foundation
import KubeJSON
import Synchronization

/// A Discord webhook (APIS.md §4.1): `POST /api/webhooks/<id>/<token>`, JSON, the content, embed and
/// total limits answered with `50035 Invalid Form Body` and nested `_errors`, an empty message with
/// `50006`, an unknown webhook with 404 `10015`, a wrong token with 401 `50027`. `wait=true` gets
/// 200 and the message, otherwise 204. Rate-limit headers on every answer; over the bucket (5 per
/// 2 s by default) a 429 with `Retry-After` and `{"retry_after": <float>, "global": false}`.
public final class FakeDiscord: Sendable {
    public struct State: Sendable {
        /// Webhook id -> token.
        public var webhooks: [String: String] = ["1200000000000000001": "hook-token-AbC"]
        public var bucket: (count: Int, seconds: TimeInterval) = (5, 2)
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var window = FakeRateWindow([(5, 2)])
        var nextID: Int64 = 1_300_000_000_000_000_001
    }

    let state = Mutex(State())
    let arrivals = Arrivals<FakeDiscordMessage>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var messages: [FakeDiscordMessage] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeDiscordMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }

    /// Discord's own 429 answer, with `retry_after` in the body and the header.
    public static func rateLimited(retryAfter: Double, global: Bool = false) -> FakeAnswer {
        .json(
            ["message": "You are being rate limited.", "retry_after": .double(retryAfter), "global": .bool(global)], status: 429,
            headers: [("Retry-After", String(Int(retryAfter.rounded(.up)))), ("X-RateLimit-Scope", global ? "global" : "user")])
    }

    public func holdNext(_ count: Int) { hold.add(count) }

    private static func error(_ status: Int, _ code: Int, _ message: String, errors: JSONValue? = nil) -> FakeAnswer {
        var body: JSONValue = ["code": .int(Int64(code)), "message": .string(message)]
        if let errors { body["errors"] = errors }
        return .json(body, status: status)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.count == 4, parts[0] == "api", parts[1] == "webhooks", let token = state.webhooks[parts[2]] else {
                return Self.error(404, 10015, "Unknown Webhook")
            }
            guard token == parts[3] else { return Self.error(401, 50027, "Invalid Webhook Token") }
            guard request.method == "POST" else { return Self.error(405, 0, "405: Method Not Allowed") }
            if let answer = script.next() { return answer }
            state.window.limits = [state.bucket]
            if let wait = state.window.admit(at: now) {
                state.rateLimited += 1
                return Self.rateLimited(retryAfter: (wait * 1000).rounded(.up) / 1000)
            }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let payload = try? JSONValue(parsing: request.body), payload.objectValue != nil
            else { return Self.error(400, 50109, "The request body contains invalid JSON.") }
            let embeds = payload["embeds"]?.arrayValue ?? []
            if (payload["content"]?.stringValue ?? "").isEmpty, embeds.isEmpty, payload["components"] == nil, payload["poll"] == nil {
                return Self.error(400, 50006, "Cannot send an empty message")
            }
            if let errors = Self.limitErrors(payload) { return Self.error(400, 50035, "Invalid Form Body", errors: errors) }
            let query = request.query
            state.nextID += 1
            let id = String(state.nextID)
            let waited = query["wait"] == "true"
            arrivals.append(FakeDiscordMessage(id: id, payload: payload, threadID: query["thread_id"], waited: waited))
            let headers = [("X-RateLimit-Limit", String(state.bucket.count)), ("X-RateLimit-Bucket", "fake-bucket")]
            guard waited else { return FakeAnswer(status: 204, headers: headers) }
            var message: JSONValue = ["id": .string(id), "type": 0, "channel_id": "1100000000000000001", "webhook_id": .string(parts[2])]
            message["embeds"] = .array(embeds)
            message["content"] = payload["content"] ?? ""
            return .json(message, headers: headers)
        }
    }

    private static func tooLong(_ limit: Int) -> JSONValue {
        ["_errors": [["code": "BASE_TYPE_MAX_LENGTH", "message": .string("Must be \(limit) or fewer in length.")]]]
    }

    /// Discord counts characters as JavaScript does (UTF-16 units).
    public static func limitErrors(_ payload: JSONValue) -> JSONValue? {
        var errors: JSONValue = [:]
        if let content = payload["content"]?.stringValue, content.utf16.count > 2_000 { errors["content"] = tooLong(2_000) }
        let embeds = payload["embeds"]?.arrayValue ?? []
        if embeds.count > 10 { errors["embeds"] = tooLong(10) }
        var total = 0
        for (index, embed) in embeds.enumerated() {
            var embedErrors: JSONValue = [:]
            func check(_ key: [String], _ limit: Int) {
                guard let text = embed[path: key]?.stringValue else { return }
                total += text.utf16.count
                if text.utf16.count > limit { embedErrors[path: key] = tooLong(limit) }
            }
            check(["title"], 256)
            check(["description"], 4_096)
            check(["footer", "text"], 2_048)
            check(["author", "name"], 256)
            let fields = embed["fields"]?.arrayValue ?? []
            if fields.count > 25 { embedErrors["fields"] = tooLong(25) }
            for (fieldIndex, field) in fields.enumerated() {
                let name = field["name"]?.stringValue ?? ""
                let value = field["value"]?.stringValue ?? ""
                total += name.utf16.count + value.utf16.count
                if name.isEmpty || name.utf16.count > 256 { embedErrors[path: ["fields", String(fieldIndex), "name"]] = tooLong(256) }
                if value.isEmpty || value.utf16.count > 1_024 { embedErrors[path: ["fields", String(fieldIndex), "value"]] = tooLong(1_024) }
            }
            if embedErrors.objectValue?.isEmpty == false { errors[path: ["embeds", String(index)]] = embedErrors }
        }
        if total > 6_000 { errors["embeds"] = ["_errors": [["code": "MAX_EMBED_SIZE_EXCEEDED", "message": "Embed size exceeds maximum size of 6000"]]] }
        // Not a ternary: a bare `nil` there would be JSONValue's null literal, not "no errors".
        guard errors.objectValue?.isEmpty == false else { return Optional.none }
        return errors
    }
}

/// Runs `body` with a Discord fake and its first webhook's URL (`http://127.0.0.1:<port>/api/webhooks/<id>/<token>`).
@discardableResult
public func withFakeDiscord<Result: Sendable>(_ discord: FakeDiscord = FakeDiscord(), _ body: (FakeDiscord, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if discord.hold.take() {
            await discord.hold.wait()
            return .text("held", status: 504)
        }
        return discord.handle(request)
    }) { port in
        defer { discord.hold.releaseAll() }
        let (id, token) = discord.snapshot.webhooks.sorted { $0.key < $1.key }.first ?? ("0", "none")
        return try await body(discord, "http://127.0.0.1:\(port)/api/webhooks/\(id)/\(token)")
    }
}
