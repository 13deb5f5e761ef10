import Foundation
import KubeJSON
import Synchronization

/// A Google Chat incoming webhook: `POST /v1/spaces/<space>/messages?key=…&token=…`, JSON; a
/// message needs `text` or `cardsV2`; `text` ≤ 4,096 characters, the body ≤ 32,000 bytes; card
/// text may use only Chat's HTML subset (`b i u s strike font a br`) with `&lt; &gt; &amp;`
/// entities, anything else is 400. Threads: with `messageReplyOption=REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD`
/// (or `REPLY_MESSAGE_OR_FAIL`) a `thread.threadKey` seen before replies in that thread; without a
/// reply option the key is ignored and a new thread starts. One message a second per space, then
/// 429 `RESOURCE_EXHAUSTED`. Errors are Google API errors `{"error":{"code","message","status"}}`.
/// (Not in APIS.md; from Google's Chat API reference as remembered, the error bodies unverified.)
public final class FakeGoogleChat: Sendable {
    public struct State: Sendable {
        /// Space -> (key, token) of its webhook.
        public var spaces: [String: (key: String, token: String)] = ["AAAAmuninn1": ("AIzaSyFakeKey000000000000000000000000", "fake-token-0001=")]
        public var limits: [(count: Int, seconds: TimeInterval)] = [(1, 1), (60, 60)]
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var threads: [String: String] = [:]
        var windows: [String: FakeRateWindow] = [:]
        var nextID = 0
    }

    static let allowedTags: Set<String> = ["b", "i", "u", "s", "strike", "font", "a", "br"]

    let state = Mutex(State())
    let arrivals = Arrivals<FakeGoogleChatMessage>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var messages: [FakeGoogleChatMessage] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeGoogleChatMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }
    public func holdNext(_ count: Int) { hold.add(count) }

    public static func error(_ code: Int, _ status: String, _ message: String) -> FakeAnswer {
        .json(["error": ["code": .int(Int64(code)), "message": .string(message), "status": .string(status)]], status: code)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let parts = request.path.split(separator: "/").map(String.init)
            guard parts.count == 4, parts[0] == "v1", parts[1] == "spaces", parts[3] == "messages", let hook = state.spaces[parts[2]] else {
                return Self.error(404, "NOT_FOUND", "Requested entity was not found.")
            }
            guard request.method == "POST" else { return Self.error(405, "METHOD_NOT_ALLOWED", "Method not allowed") }
            let query = request.query
            guard query["key"] == hook.key else { return Self.error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.") }
            guard query["token"] == hook.token else { return Self.error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.") }
            if let answer = script.next() { return answer }
            var window = state.windows[parts[2]] ?? FakeRateWindow(state.limits)
            window.limits = state.limits
            let wait = window.admit(at: now)
            state.windows[parts[2]] = window
            if wait != nil {
                state.rateLimited += 1
                return Self.error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).")
            }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let payload = try? JSONValue(parsing: request.body), payload.objectValue != nil
            else { return Self.error(400, "INVALID_ARGUMENT", "Invalid JSON payload received.") }
            if request.body.count > 32_000 { return Self.error(400, "INVALID_ARGUMENT", "Message too large: the limit is 32000 bytes.") }
            let text = payload["text"]?.stringValue
            let cards = payload["cardsV2"]?.arrayValue ?? []
            if (text ?? "").isEmpty, cards.isEmpty { return Self.error(400, "INVALID_ARGUMENT", "Message cannot be empty. Discarded message must have text or cards.") }
            if let text, text.count > 4_096 { return Self.error(400, "INVALID_ARGUMENT", "Message text is too long.") }
            var visible: [String] = []
            for card in cards {
                guard card["cardId"]?.stringValue != nil, let body = card["card"], body.objectValue != nil else {
                    return Self.error(400, "INVALID_ARGUMENT", "Invalid value at 'message.cards_v2': a card needs cardId and card.")
                }
                for widgetText in Self.htmlTexts(in: body) {
                    switch Self.render(widgetText) {
                    case .success(let shown): visible.append(shown)
                    case .failure(let problem): return Self.error(400, "INVALID_ARGUMENT", "Invalid card text: \(problem.message)")
                    }
                }
                for key in ["title", "subtitle"] { if let plain = body[path: ["header", key]]?.stringValue { visible.append(plain) } }
            }
            let option = query["messageReplyOption"]
            let key = payload[path: ["thread", "threadKey"]]?.stringValue
            state.nextID += 1
            var thread = "spaces/\(parts[2])/threads/t\(state.nextID)"
            var isReply = false
            if let option, option != "MESSAGE_REPLY_OPTION_UNSPECIFIED", let key {
                if let existing = state.threads[parts[2] + " " + key] {
                    thread = existing
                    isReply = true
                } else if option == "REPLY_MESSAGE_OR_FAIL" {
                    return Self.error(404, "NOT_FOUND", "Thread not found.")
                } else {
                    state.threads[parts[2] + " " + key] = thread
                }
            }
            let name = "spaces/\(parts[2])/messages/m\(state.nextID)"
            arrivals.append(FakeGoogleChatMessage(space: parts[2], name: name, thread: thread, threadKey: key, isReply: isReply, payload: payload, visibleTexts: visible))
            var answer: JSONValue = ["name": .string(name), "sender": ["type": "BOT"], "createTime": "2025-10-09T08:53:21.000000Z", "thread": ["name": .string(thread)]]
            if let key { answer[path: ["thread", "threadKey"]] = .string(key) }
            answer["space"] = ["name": .string("spaces/\(parts[2])")]
            return .json(answer)
        }
    }

    /// Card texts that Chat formats: `decoratedText.text`, `textParagraph.text`, section headers.
    static func htmlTexts(in card: JSONValue) -> [String] {
        var texts: [String] = []
        for section in card["sections"]?.arrayValue ?? [] {
            if let header = section["header"]?.stringValue { texts.append(header) }
            for widget in section["widgets"]?.arrayValue ?? [] {
                if let text = widget[path: ["decoratedText", "text"]]?.stringValue { texts.append(text) }
                if let text = widget[path: ["textParagraph", "text"]]?.stringValue { texts.append(text) }
            }
        }
        return texts
    }

    /// Chat's HTML subset, strictly: the allowed tags (`<br>` alone), the basic entities.
    static func render(_ html: String) -> Result<String, FakeTelegramParseError> {
        var shown = ""
        let scalars = Array(html.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "<" {
                guard let end = scalars[index...].firstIndex(of: ">") else { return .failure(.init("unterminated tag")) }
                var name = String(String.UnicodeScalarView(scalars[(index + 1)..<end])).lowercased()
                if name.hasPrefix("/") { name.removeFirst() }
                name = String(name.prefix { $0 != " " && $0 != "/" })
                guard allowedTags.contains(name) else { return .failure(.init("unsupported tag <\(name)>")) }
                if name == "br" { shown += "\n" }
                index = end + 1
            } else if scalar == "&" {
                guard let end = scalars[index...].prefix(8).firstIndex(of: ";") else { return .failure(.init("bare &")) }
                switch String(String.UnicodeScalarView(scalars[(index + 1)..<end])) {
                case "lt": shown += "<"
                case "gt": shown += ">"
                case "amp": shown += "&"
                case "quot": shown += "\""
                default: return .failure(.init("unknown entity"))
                }
                index = end + 1
            } else if scalar == ">" {
                return .failure(.init("bare >"))
            } else {
                shown.unicodeScalars.append(scalar)
                index += 1
            }
        }
        return .success(shown)
    }
}

/// Runs `body` with a Google Chat fake and its first space's webhook URL.
@discardableResult
public func withFakeGoogleChat<Result: Sendable>(_ chat: FakeGoogleChat = FakeGoogleChat(), _ body: (FakeGoogleChat, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if chat.hold.take() {
            await chat.hold.wait()
            return .text("held", status: 504)
        }
        return chat.handle(request)
    }) { port in
        defer { chat.hold.releaseAll() }
        let (space, hook) = chat.snapshot.spaces.sorted { $0.key < $1.key }.first ?? ("none", ("none", "none"))
        let token = hook.token.replacingOccurrences(of: "=", with: "%3D")
        return try await body(chat, "http://127.0.0.1:\(port)/v1/spaces/\(space)/messages?key=\(hook.key)&token=\(token)")
    }
}
