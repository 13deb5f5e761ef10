import Foundation
import KubeJSON
import Synchronization

/// The Telegram Bot API's sendMessage (APIS.md §4.3): `POST /bot<token>/sendMessage` with JSON;
/// 401 for an unknown or malformed token; `chat not found`; HTML parse mode parsed strictly
/// (`can't parse entities`); text empty or over 4,096 UTF-16 units after parsing; forum topics
/// (`message thread not found`); replies (`message to be replied not found` unless
/// `allow_sending_without_reply`). Per chat a burst limit and, for groups, 20 a minute, answered
/// with 429 and `parameters.retry_after`. MarkdownV2 is not parsed (400, so tests notice).
public final class FakeTelegram: Sendable {
    public struct State: Sendable {
        public var token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
        /// Chats the bot is in -> the forum topics they have (empty for plain chats).
        public var chats: [String: Set<Int64>] = ["-1001234567890": [], "@muninn_alerts": []]
        /// Per chat: at most this many per second (Telegram allows short bursts).
        public var perChatPerSecond = 3
        /// Per group (negative ids): at most this many per minute.
        public var perGroupPerMinute = 20
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var windows: [String: FakeRateWindow] = [:]
        var sent: [String: Set<Int64>] = [:]
        var nextID: Int64 = 100
    }

    let state = Mutex(State())
    let arrivals = Arrivals<FakeTelegramMessage>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var messages: [FakeTelegramMessage] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeTelegramMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }

    /// The Bot API's flood-control answer.
    public static func tooManyRequests(retryAfter: Int) -> FakeAnswer {
        error(429, "Too Many Requests: retry after \(retryAfter)", parameters: ["retry_after": .int(Int64(retryAfter))])
    }

    public func holdNext(_ count: Int) { hold.add(count) }

    static func error(_ code: Int, _ description: String, parameters: JSONValue? = nil) -> FakeAnswer {
        var body: JSONValue = ["ok": false, "error_code": .int(Int64(code)), "description": .string(description)]
        if let parameters { body["parameters"] = parameters }
        return .json(body, status: code)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.count == 2, parts[0].hasPrefix("bot") else { return Self.error(404, "Not Found") }
            guard String(parts[0].dropFirst(3)) == state.token else { return Self.error(401, "Unauthorized") }
            guard parts[1] == "sendMessage" else { return Self.error(404, "Not Found: method not found") }
            if let answer = script.next() { return answer }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let payload = try? JSONValue(parsing: request.body), payload.objectValue != nil
            else { return Self.error(400, "Bad Request: message text is empty") }
            let chat = payload["chat_id"]?.intValue.map(String.init) ?? payload["chat_id"]?.stringValue ?? ""
            guard let topics = state.chats[chat] else { return Self.error(400, "Bad Request: chat not found") }
            let thread = payload["message_thread_id"]?.intValue
            if let thread, !topics.contains(thread) { return Self.error(400, "Bad Request: message thread not found") }
            guard let text = payload["text"]?.stringValue else { return Self.error(400, "Bad Request: message text is empty") }
            let parseMode = payload["parse_mode"]?.stringValue
            var visible = text
            var tags: [String] = []
            switch parseMode {
            case nil: break
            case "HTML":
                switch TelegramHTMLParser.parse(text) {
                case .success(let parsed): (visible, tags) = parsed
                case .failure(let error): return Self.error(400, "Bad Request: can't parse entities: " + error.message)
                }
            default:
                return Self.error(400, "Bad Request: unsupported parse_mode in this fake: \(parseMode ?? "")")
            }
            if visible.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return Self.error(400, "Bad Request: message text is empty") }
            if visible.utf16.count > 4_096 { return Self.error(400, "Bad Request: message is too long") }
            let replyTo = payload[path: ["reply_parameters", "message_id"]]?.intValue
            if let replyTo, state.sent[chat]?.contains(replyTo) != true, payload[path: ["reply_parameters", "allow_sending_without_reply"]]?.boolValue != true {
                return Self.error(400, "Bad Request: message to be replied not found")
            }
            var limits: [(count: Int, seconds: TimeInterval)] = [(state.perChatPerSecond, 1)]
            if chat.hasPrefix("-") { limits.append((state.perGroupPerMinute, 60)) }
            var window = state.windows[chat] ?? FakeRateWindow(limits)
            window.limits = limits
            let wait = window.admit(at: now)
            state.windows[chat] = window
            if let wait {
                state.rateLimited += 1
                return Self.tooManyRequests(retryAfter: Int(wait.rounded(.up)))
            }
            state.nextID += 1
            let id = state.nextID
            state.sent[chat, default: []].insert(id)
            arrivals.append(FakeTelegramMessage(
                messageID: id, chatID: chat, text: text, visibleText: visible, parseMode: parseMode, messageThreadID: thread, replyTo: replyTo,
                tags: tags, payload: payload))
            return .json(["ok": true, "result": ["message_id": .int(id), "chat": ["id": .string(chat)], "date": .int(Int64(now.timeIntervalSince1970)), "text": .string(visible)]])
        }
    }
}

/// Runs `body` with a Telegram fake and its API base URL (`http://127.0.0.1:<port>`; the bot token goes after it).
@discardableResult
public func withFakeTelegram<Result: Sendable>(_ telegram: FakeTelegram = FakeTelegram(), _ body: (FakeTelegram, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if telegram.hold.take() {
            await telegram.hold.wait()
            return .text("held", status: 504)
        }
        return telegram.handle(request)
    }) { port in
        defer { telegram.hold.releaseAll() }
        return try await body(telegram, "http://127.0.0.1:\(port)")
    }
}
