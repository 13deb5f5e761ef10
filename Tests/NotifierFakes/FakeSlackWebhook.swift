import KubeJSON
import Synchronization

/// A Slack incoming webhook (APIS.md §1.4): JSON in, plain-text answers (`ok`, `invalid_payload`,
/// `no_service`, ...), the same Block Kit limits as chat.postMessage.
public final class FakeSlackWebhook: Sendable {
    public struct State: Sendable {
        /// Paths of hooks that exist.
        public var hooks: Set<String> = [FakeSlackWebhook.hookPath]
        /// Answers that replace the next outcomes, in order.
        public var scripted: [FakeAnswer] = []
        /// `<...>` sequences found in mrkdwn that would ping or link.
        public internal(set) var pings: [String] = []
    }

    public static let hookPath = "/services/T000/B000/XXXX"

    let state = Mutex(State())
    let arrivals = Arrivals<JSONValue>()
    let hold = FakeHold()

    public init() {}

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every accepted payload, oldest first.
    public var payloads: [JSONValue] { arrivals.items }

    /// Waits until `count` payloads were accepted; returns all accepted so far.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [JSONValue] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` posts answer `answer` (`.text("rollup_error", status: 500)`, a 429 with `Retry-After`, ...).
    public func failNext(_ count: Int, with answer: FakeAnswer) {
        update { $0.scripted.append(contentsOf: Array(repeating: answer, count: count)) }
    }

    /// Leaves the next `count` posts unanswered until the fake stops: the client times out.
    public func holdNext(_ count: Int) { hold.add(count) }

    /// Holds no further request (one that timed out before it arrived must not leave its hold to the next).
    public func stopHolding() { hold.stopHolding() }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            guard request.method == "POST" else { return .text("invalid_post_type", status: 400) }
            guard state.hooks.contains(request.path) else { return .text("no_service", status: 404) }
            if !state.scripted.isEmpty { return state.scripted.removeFirst() }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let payload = try? JSONValue(parsing: request.body), payload.objectValue != nil
            else { return .text("invalid_payload", status: 400) }
            let blocks = payload["blocks"]?.arrayValue
            if payload["text"] == nil && blocks == nil && payload["attachments"] == nil { return .text("no_text", status: 400) }
            if let blocks, SlackBlockRules.check(blocks, totalLimit: 12_000) != nil { return .text("invalid_blocks", status: 400) }
            for text in SlackBlockRules.mrkdwnTexts(blocks ?? []) { state.pings.append(contentsOf: SlackBlockRules.pings(in: text)) }
            arrivals.append(payload)
            return .text("ok")
        }
    }
}

/// Runs `body` with a Slack webhook fake and the URL of its one hook.
@discardableResult
public func withFakeSlackWebhook<Result: Sendable>(
    _ hook: FakeSlackWebhook = FakeSlackWebhook(), _ body: (FakeSlackWebhook, String) async throws -> Result
) async throws -> Result {
    try await withFakeServer({ request in
        if hook.hold.take() {
            await hook.hold.wait()
            return .text("held", status: 504)
        }
        return hook.handle(request)
    }) { port in
        defer { hook.hold.releaseAll() }
        return try await body(hook, "http://127.0.0.1:\(port)\(FakeSlackWebhook.hookPath)")
    }
}
