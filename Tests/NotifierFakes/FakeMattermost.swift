import Foundation
import KubeJSON
import Synchronization

/// A Mattermost incoming webhook (APIS.md §4.4): `POST /hooks/<key>`, JSON (or `payload=` form);
/// plain-text `ok` on success; JSON AppErrors for an unknown hook (400 `…invalid.app_error`), hooks
/// disabled by the admin (501), bad JSON (400 "Unable to parse incoming data"), no text and no
/// attachments (400 `…text.app_error`), an unknown channel. Text over 16,383 characters is split
/// into several posts. The server's rate limit is off unless `perSecond` is set (then 429).
/// Records mentions (`@channel`, `@here`, `@all`, `<!channel>` …) found in rendered text.
public final class FakeMattermost: Sendable {
    public struct State: Sendable {
        /// Hook key -> its default channel.
        public var hooks: [String: String] = ["h8x4tq3ow7gxbyt1r5kzm9oyya": "town-square"]
        public var channels: Set<String> = ["town-square", "alerts"]
        public var webhooksDisabled = false
        public var perSecond: Int?
        public internal(set) var mentions: [String] = []
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var window = FakeRateWindow([])
    }

    static let maximumPostCharacters = 16_383

    let state = Mutex(State())
    let arrivals = Arrivals<FakeMattermostPost>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var posts: [FakeMattermostPost] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeMattermostPost] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }
    public func holdNext(_ count: Int) { hold.add(count) }

    static func appError(_ status: Int, _ id: String, _ message: String) -> FakeAnswer {
        .json(["id": .string(id), "message": .string(message), "detailed_error": "", "request_id": "fakerequestid", "status_code": .int(Int64(status))], status: status)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let parts = request.path.split(separator: "/").map(String.init)
            guard request.method == "POST", parts.count == 2, parts[0] == "hooks" else { return .text("404 page not found", status: 404) }
            if state.webhooksDisabled {
                return Self.appError(501, "web.incoming_webhook.disabled.app_error", "Incoming webhooks have been disabled by the system admin.")
            }
            guard let hookChannel = state.hooks[parts[1]] else { return Self.appError(400, "web.incoming_webhook.invalid.app_error", "Invalid webhook.") }
            if let answer = script.next() { return answer }
            if let perSecond = state.perSecond {
                state.window.limits = [(perSecond, 1)]
                if state.window.admit(at: now) != nil {
                    state.rateLimited += 1
                    return FakeAnswer(status: 429, headers: [("X-Ratelimit-Limit", String(perSecond)), ("X-Ratelimit-Reset", "1"), ("Retry-After", "1")], body: Array("limit exceeded\n".utf8))
                }
            }
            let contentType = (request.header("Content-Type") ?? "").lowercased()
            var raw = request.body
            if contentType.hasPrefix("application/x-www-form-urlencoded") || contentType.isEmpty {
                guard let payload = FormDecoding.decode(request.bodyText)["payload"] else {
                    return Self.appError(400, "web.incoming_webhook.parse.app_error", "Unable to parse incoming data")
                }
                raw = Array(payload.utf8)
            } else if !contentType.hasPrefix("application/json") {
                return Self.appError(400, "web.incoming_webhook.parse.app_error", "Unable to parse incoming data")
            }
            guard let payload = try? JSONValue(parsing: raw), payload.objectValue != nil else {
                return Self.appError(400, "web.incoming_webhook.parse.app_error", "Unable to parse incoming data")
            }
            let text = payload["text"]?.stringValue ?? ""
            let attachments = payload["attachments"]?.arrayValue ?? []
            if text.isEmpty, attachments.isEmpty { return Self.appError(400, "web.incoming_webhook.text.app_error", "No text specified.") }
            let channel = payload["channel"]?.stringValue ?? hookChannel
            guard state.channels.contains(channel) || channel.hasPrefix("@") else {
                return Self.appError(403, "web.incoming_webhook.channel.app_error", "Couldn't find the channel.")
            }
            var rendered = [text]
            for attachment in attachments {
                rendered += ["text", "pretext", "title", "footer"].compactMap { attachment[$0]?.stringValue }
                rendered += (attachment["fields"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
            }
            state.mentions += rendered.flatMap(Self.mentions)
            let posts = max(1, (text.count + Self.maximumPostCharacters - 1) / Self.maximumPostCharacters)
            arrivals.append(FakeMattermostPost(hook: parts[1], payload: payload, channel: channel, posts: posts))
            return .text("ok")
        }
    }

    /// Mentions and Slack-style `<!…>` commands the server would act on, outside code blocks.
    static func mentions(in markdown: String) -> [String] {
        var found: [String] = []
        var inCode = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            let text = String(line)
            for pattern in ["<!channel>", "<!here>", "<!all>", "<!everyone>"] where text.contains(pattern) { found.append(pattern) }
            if inCode { continue }
            let scalars = Array(text.unicodeScalars)
            for (index, scalar) in scalars.enumerated() where scalar == "@" || scalar == "~" {
                if index > 0, scalars[index - 1] == "\\" { continue }
                let rest = scalars[(index + 1)...].prefix { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == "." }
                if !rest.isEmpty { found.append(String(scalar) + String(String.UnicodeScalarView(rest))) }
            }
        }
        return found
    }
}

/// Runs `body` with a Mattermost fake and its first hook's URL (`http://127.0.0.1:<port>/hooks/<key>`).
@discardableResult
public func withFakeMattermost<Result: Sendable>(_ mattermost: FakeMattermost = FakeMattermost(), _ body: (FakeMattermost, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if mattermost.hold.take() {
            await mattermost.hold.wait()
            return .text("held", status: 504)
        }
        return mattermost.handle(request)
    }) { port in
        defer { mattermost.hold.releaseAll() }
        let key = mattermost.snapshot.hooks.keys.sorted().first ?? "none"
        return try await body(mattermost, "http://127.0.0.1:\(port)/hooks/\(key)")
    }
}
