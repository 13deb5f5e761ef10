import Crypto
import Foundation
import KubeJSON
import Synchronization

/// A DingTalk custom robot endpoint (APIS.md §2.1): always HTTP 200, `errcode` decides. Checks the
/// signature on the query decoded as servers decode it (`+` is a space), the one-hour timestamp
/// window, keywords, the 20,000-byte limit, the message type and the 20-per-minute limit (the 21st
/// message locks the robot out for ten minutes).
public final class FakeDingTalk: Sendable {
    public struct State: Sendable {
        public var robots: [String: FakeDingTalkRobot]
        /// `(errcode, errmsg)` answers that replace the next outcomes, in order.
        public var scriptedErrcodes: [(Int, String)] = []
        public var rateLimitPerMinute = 20
        /// The code of a rate-limited answer: 130101 ("send too fast"), or 410100.
        public var rateLimitErrcode = 130101
        /// How long a robot stays throttled after going over the limit.
        public var lockout: Duration = .seconds(600)
        /// Requests refused by the rate limit.
        public internal(set) var rateLimited = 0
        var sendTimes: [String: [Date]] = [:]
        var lockedUntil: [String: Date] = [:]
    }

    let state: Mutex<State>
    let arrivals = Arrivals<FakeDingTalkMessage>()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    /// - Parameter now: the fake's clock, for the timestamp window and the rate limit.
    public init(robots: [String: FakeDingTalkRobot], now: @escaping @Sendable () -> Date = { Date() }) {
        state = Mutex(State(robots: robots))
        self.now = now
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every accepted message, oldest first.
    public var accepted: [FakeDingTalkMessage] { arrivals.items }

    /// Waits until `count` messages were accepted; returns all accepted so far.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeDingTalkMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` valid requests answer `errcode` (130101, 410100, -1, 310000, ...).
    public func failNext(_ count: Int, errcode: Int, errmsg: String) {
        update { $0.scriptedErrcodes.append(contentsOf: Array(repeating: (errcode, errmsg), count: count)) }
    }

    /// Leaves the next `count` requests unanswered until the fake stops: the client times out.
    public func holdNext(_ count: Int) { hold.add(count) }

    /// Holds no further request (one that timed out before it arrived must not leave its hold to the next).
    public func stopHolding() { hold.stopHolding() }

    private static func answer(_ code: Int, _ message: String) -> FakeAnswer {
        .json(["errcode": .int(Int64(code)), "errmsg": .string(message)])
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            guard request.path == "/robot/send" else { return .text("not found", status: 404) }
            guard request.method == "POST" else { return Self.answer(43002, "需要POST请求") }
            let query = request.query
            guard let token = query["access_token"], !token.isEmpty else { return Self.answer(40035, "缺少参数 access_token") }
            guard let robot = state.robots[token] else { return Self.answer(300005, "token is not exist") }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
                return Self.answer(43004, "无效的HTTP HEADER Content-Type")
            }
            if let secret = robot.secret, let failure = Self.checkSignature(query, secret: secret, now: now) { return failure }
            if request.body.count > 20_000 { return Self.answer(460101, "message too long, exceed 20000 bytes") }
            guard let body = try? JSONValue(parsing: request.body), let type = body["msgtype"]?.stringValue,
                ["text", "markdown", "link", "actionCard", "feedCard"].contains(type)
            else { return Self.answer(400105, "不支持的消息类型") }
            let content: String
            switch type {
            case "markdown":
                guard let title = body[path: ["markdown", "title"]]?.stringValue, let text = body[path: ["markdown", "text"]]?.stringValue else {
                    return Self.answer(400105, "markdown requires title and text")
                }
                content = title + "\n" + text
            case "text":
                guard let text = body[path: ["text", "content"]]?.stringValue else { return Self.answer(400105, "text requires content") }
                content = text
            default:
                content = body.serializedString()
            }
            if !robot.keywords.isEmpty && !robot.keywords.contains(where: { content.contains($0) }) {
                return Self.answer(310000, "keywords not in content")
            }
            if !state.scriptedErrcodes.isEmpty {
                let (code, message) = state.scriptedErrcodes.removeFirst()
                return Self.answer(code, message)
            }
            if let failure = Self.throttle(token: token, now: now, &state) { return failure }
            var mentions: [String: Bool] = [:]
            for id in (body[path: ["at", "atMobiles"]]?.arrayValue ?? []) + (body[path: ["at", "atUserIds"]]?.arrayValue ?? []) {
                if let id = id.stringValue { mentions[id] = content.contains("@" + id) }
            }
            arrivals.append(FakeDingTalkMessage(token: token, body: body, timestamp: query["timestamp"], sign: query["sign"], mentionsInText: mentions))
            return Self.answer(0, "ok")
        }
    }

    /// 310000 unless `timestamp` is within an hour of `now` and `sign` matches it.
    private static func checkSignature(_ query: [String: String], secret: String, now: Date) -> FakeAnswer? {
        guard let timestampText = query["timestamp"], let timestamp = Int64(timestampText),
            abs(Double(timestamp) / 1000 - now.timeIntervalSince1970) <= 3600
        else { return answer(310000, "invalid timestamp") }
        let key = SymmetricKey(data: Array(secret.utf8))
        let expected = Data(HMAC<SHA256>.authenticationCode(for: Array("\(timestampText)\n\(secret)".utf8), using: key))
        guard let sign = query["sign"], let given = Data(base64Encoded: sign), given.count == expected.count,
            zip(given, expected).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0
        else { return answer(310000, "sign not match") }
        return nil
    }

    /// A sliding window per robot; going over it locks the robot out.
    private static func throttle(token: String, now: Date, _ state: inout State) -> FakeAnswer? {
        let refusal = answer(state.rateLimitErrcode, state.rateLimitErrcode == 410100 ? "发送速度太快而限流" : "send too fast, exceed 20 times per minute")
        if let until = state.lockedUntil[token], now < until {
            state.rateLimited += 1
            return refusal
        }
        var times = (state.sendTimes[token] ?? []).filter { $0 > now.addingTimeInterval(-60) }
        guard times.count < state.rateLimitPerMinute else {
            state.rateLimited += 1
            let seconds = Double(state.lockout.components.seconds) + Double(state.lockout.components.attoseconds) / 1e18
            state.lockedUntil[token] = now.addingTimeInterval(seconds)
            return refusal
        }
        times.append(now)
        state.sendTimes[token] = times
        return nil
    }
}

/// Runs `body` with a DingTalk fake and its send URL (`http://127.0.0.1:<port>/robot/send`).
@discardableResult
public func withFakeDingTalk<Result: Sendable>(_ dingtalk: FakeDingTalk, _ body: (FakeDingTalk, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if dingtalk.hold.take() {
            await dingtalk.hold.wait()
            return .text("held", status: 504)
        }
        return dingtalk.handle(request)
    }) { port in
        defer { dingtalk.hold.releaseAll() }
        return try await body(dingtalk, "http://127.0.0.1:\(port)/robot/send")
    }
}
