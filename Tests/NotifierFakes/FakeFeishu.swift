import Crypto
import Foundation
import KubeJSON
import Synchronization

/// A Feishu/Lark custom bot webhook (APIS.md §4.2): `POST /open-apis/bot/v2/hook/<token>`, always
/// HTTP 200 with `code` deciding. Checks the signature the Feishu way (seconds in the body, the
/// string as HMAC key over an empty message: `19021`, also for millisecond timestamps, which fall
/// outside the hour), keywords in text-like values (`19024`), `msg_type` and its content (`9499`),
/// 20 KB, and 5 a second plus 100 a minute (`11232` frequency limited). An unknown token answers
/// `19001` (the code is from client test suites, unverified).
public final class FakeFeishu: Sendable {
    public struct State: Sendable {
        public var bots: [String: FakeFeishuBot]
        public var maximumBodyBytes = 20 * 1024
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var windows: [String: FakeRateWindow] = [:]
    }

    let state: Mutex<State>
    let arrivals = Arrivals<FakeFeishuMessage>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(bots: [String: FakeFeishuBot] = ["f3a9c2d1-0000-4000-8000-feishu000001": FakeFeishuBot()], now: @escaping @Sendable () -> Date = { Date() }) {
        state = Mutex(State(bots: bots))
        self.now = now
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var accepted: [FakeFeishuMessage] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeFeishuMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` requests answer `code` (11232, 9499, ...), as HTTP 200.
    public func failNext(_ count: Int, code: Int, msg: String) { script.add(Self.answer(code, msg), count: count) }
    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }
    public func holdNext(_ count: Int) { hold.add(count) }

    static func answer(_ code: Int, _ message: String) -> FakeAnswer {
        .json(["code": .int(Int64(code)), "msg": .string(message), "data": [:]])
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let prefix = "/open-apis/bot/v2/hook/"
            guard request.path.hasPrefix(prefix) else { return .text("404 page not found", status: 404) }
            let token = String(request.path.dropFirst(prefix.count))
            guard let bot = state.bots[token] else { return Self.answer(19001, "param invalid: incoming webhook access token invalid") }
            guard request.method == "POST" else { return Self.answer(9499, "Bad Request") }
            if let answer = script.next() { return answer }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let body = try? JSONValue(parsing: request.body), body.objectValue != nil
            else { return Self.answer(9499, "Bad Request") }
            if request.body.count > state.maximumBodyBytes { return Self.answer(9499, "Bad Request: request body exceeds 20KB") }
            if let secret = bot.secret, let failure = Self.checkSignature(body, secret: secret, now: now) { return failure }
            let type = body["msg_type"]?.stringValue ?? ""
            var texts: [String] = []
            var markdown: [String] = []
            switch type {
            case "text":
                guard let text = body[path: ["content", "text"]]?.stringValue else { return Self.answer(9499, "Bad Request") }
                texts = [text]
            case "post":
                guard body[path: ["content", "post"]]?.objectValue != nil else { return Self.answer(9499, "Bad Request") }
                texts = Self.texts(in: body["content"] ?? .null).plain
            case "interactive":
                guard let card = body["card"], card["elements"]?.arrayValue != nil || card[path: ["body", "elements"]]?.arrayValue != nil else {
                    return Self.answer(9499, "Bad Request")
                }
                let found = Self.texts(in: card)
                texts = found.plain
                markdown = found.markdown
            default:
                return Self.answer(9499, "Bad Request")
            }
            if !bot.keywords.isEmpty, !bot.keywords.contains(where: { keyword in texts.contains { $0.contains(keyword) } }) {
                return Self.answer(19024, "Key Words Not Found")
            }
            var window = state.windows[token] ?? FakeRateWindow([(5, 1), (100, 60)])
            let wait = window.admit(at: now)
            state.windows[token] = window
            if wait != nil {
                state.rateLimited += 1
                return Self.answer(11232, "frequency limited psm[lark.oapi.app_platform_runtime]appID[1]")
            }
            arrivals.append(FakeFeishuMessage(
                token: token, body: body, timestamp: body["timestamp"]?.stringValue, sign: body["sign"]?.stringValue, texts: texts, markdownTexts: markdown))
            return .json(["StatusCode": 0, "StatusMessage": "success", "code": 0, "data": [:], "msg": "success"])
        }
    }

    /// 19021 unless `timestamp` (seconds) is within an hour and `sign` is HMAC(key: "ts\nsecret", message: empty).
    static func checkSignature(_ body: JSONValue, secret: String, now: Date) -> FakeAnswer? {
        let failure = answer(19021, "sign match fail or timestamp is not within one hour from current time")
        guard let text = body["timestamp"]?.stringValue ?? body["timestamp"]?.intValue.map(String.init), let timestamp = Int64(text),
            abs(Double(timestamp) - now.timeIntervalSince1970) <= 3600
        else { return failure }
        let key = SymmetricKey(data: Array("\(text)\n\(secret)".utf8))
        let expected = Data(HMAC<SHA256>.authenticationCode(for: [UInt8](), using: key))
        guard let sign = body["sign"]?.stringValue, let given = Data(base64Encoded: sign), given.count == expected.count,
            zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else { return failure }
        return nil
    }

    /// Text-like values (`content` of text tags, `title`, `text`), not `href`s; and which were lark_md.
    static func texts(in value: JSONValue) -> (plain: [String], markdown: [String]) {
        switch value {
        case .object(let object):
            var plain: [String] = []
            var markdown: [String] = []
            if let content = object["content"]?.stringValue {
                plain.append(content)
                if object["tag"]?.stringValue == "lark_md" || object["tag"]?.stringValue == "markdown" { markdown.append(content) }
            }
            if let text = object["text"]?.stringValue { plain.append(text) }
            for (key, member) in object where key != "href" && key != "url" {
                let nested = texts(in: member)
                plain += nested.plain
                markdown += nested.markdown
            }
            return (plain, markdown)
        case .array(let values):
            return values.map { texts(in: $0) }.reduce(into: ([String](), [String]())) { $0.0 += $1.plain; $0.1 += $1.markdown }
        default:
            return ([], [])
        }
    }
}

/// Runs `body` with a Feishu fake and its first bot's webhook URL.
@discardableResult
public func withFakeFeishu<Result: Sendable>(_ feishu: FakeFeishu = FakeFeishu(), _ body: (FakeFeishu, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if feishu.hold.take() {
            await feishu.hold.wait()
            return .text("held", status: 504)
        }
        return feishu.handle(request)
    }) { port in
        defer { feishu.hold.releaseAll() }
        let token = feishu.snapshot.bots.keys.sorted().first ?? "none"
        return try await body(feishu, "http://127.0.0.1:\(port)/open-apis/bot/v2/hook/\(token)")
    }
}
