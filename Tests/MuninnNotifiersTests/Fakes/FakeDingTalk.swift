import Crypto
import Foundation
import KubeJSON
import Synchronization

/// A DingTalk custom robot endpoint (APIS.md §2.1): always HTTP 200, `errcode` decides. Checks the
/// signature on the query decoded as servers decode it (`+` is a space), the timestamp window,
/// keywords, size, message type and the 20-per-minute limit.
final class FakeDingTalk: Sendable {
    struct Robot: Sendable {
        var secret: String?
        var keywords: [String] = []
    }

    struct Accepted: Sendable {
        var token: String
        var body: JSONValue
        var timestamp: String?
        var sign: String?
        /// Each mentioned mobile or user ID, and whether the text carries `@` + it.
        var mentionsInText: [String: Bool]
    }

    struct State: Sendable {
        var robots: [String: Robot]
        var now: Date
        var scriptedErrcodes: [(Int, String)] = []
        var accepted: [Accepted] = []
        var sendTimes: [String: [Date]] = [:]
        var rateLimitPerMinute = 20
    }

    let state: Mutex<State>

    init(robots: [String: Robot], now: Date) {
        state = Mutex(State(robots: robots, now: now))
    }

    func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    var snapshot: State { state.withLock { $0 } }

    private static func answer(_ code: Int, _ message: String) -> FakeAnswer {
        .json(["errcode": .int(Int64(code)), "errmsg": .string(message)])
    }

    func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            guard request.path == "/robot/send" else { return .text("not found", status: 404) }
            guard request.method == "POST" else { return Self.answer(43002, "需要POST请求") }
            let query = request.query
            guard let token = query["access_token"], !token.isEmpty else { return Self.answer(40035, "缺少参数 access_token") }
            guard let robot = state.robots[token] else { return Self.answer(300005, "token is not exist") }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else { return Self.answer(43004, "无效的HTTP HEADER Content-Type") }
            if let secret = robot.secret {
                guard let timestampText = query["timestamp"], let timestamp = Int64(timestampText),
                    abs(Double(timestamp) / 1000 - state.now.timeIntervalSince1970) <= 3600
                else { return Self.answer(310000, "invalid timestamp") }
                let key = SymmetricKey(data: Array(secret.utf8))
                let expected = Data(HMAC<SHA256>.authenticationCode(for: Array("\(timestampText)\n\(secret)".utf8), using: key))
                guard let sign = query["sign"], let given = Data(base64Encoded: sign), given.count == expected.count,
                    zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
                else { return Self.answer(310000, "sign not match") }
            }
            if request.body.count > 20_000 { return Self.answer(460101, "message too long, exceed 20000 bytes") }
            guard let body = try? JSONValue(parsing: request.body), let type = body["msgtype"]?.stringValue,
                ["text", "markdown", "link", "actionCard", "feedCard"].contains(type)
            else { return Self.answer(400105, "不支持的消息类型") }
            var content = ""
            if type == "markdown" {
                guard let title = body[path: ["markdown", "title"]]?.stringValue, let text = body[path: ["markdown", "text"]]?.stringValue else {
                    return Self.answer(400105, "markdown requires title and text")
                }
                content = title + "\n" + text
            } else {
                content = body.serializedString()
            }
            if !robot.keywords.isEmpty && !robot.keywords.contains(where: { content.contains($0) }) {
                return Self.answer(310000, "keywords not in content")
            }
            if !state.scriptedErrcodes.isEmpty {
                let (code, message) = state.scriptedErrcodes.removeFirst()
                return Self.answer(code, message)
            }
            let windowStart = state.now.addingTimeInterval(-60)
            var times = (state.sendTimes[token] ?? []).filter { $0 > windowStart }
            guard times.count < state.rateLimitPerMinute else { return Self.answer(130101, "send too fast, exceed 20 times per minute") }
            times.append(state.now)
            state.sendTimes[token] = times
            var mentions: [String: Bool] = [:]
            for id in (body[path: ["at", "atMobiles"]]?.arrayValue ?? []) + (body[path: ["at", "atUserIds"]]?.arrayValue ?? []) {
                if let id = id.stringValue { mentions[id] = content.contains("@" + id) }
            }
            state.accepted.append(Accepted(token: token, body: body, timestamp: query["timestamp"], sign: query["sign"], mentionsInText: mentions))
            return Self.answer(0, "ok")
        }
    }
}

/// Runs `body` with a DingTalk fake and its send URL (`http://127.0.0.1:<port>/robot/send`).
@discardableResult
func withFakeDingTalk<Result: Sendable>(_ dingtalk: FakeDingTalk, _ body: (FakeDingTalk, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in dingtalk.handle(request) }) { port in
        try await body(dingtalk, "http://127.0.0.1:\(port)/robot/send")
    }
}
