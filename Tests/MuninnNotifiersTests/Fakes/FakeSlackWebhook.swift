import KubeJSON
import Synchronization

/// A Slack incoming webhook: plain-text answers (`ok`, `invalid_payload`, `no_service`, ...).
final class FakeSlackWebhook: Sendable {
    struct State: Sendable {
        /// Paths of hooks that exist.
        var hooks: Set<String> = ["/services/T000/B000/XXXX"]
        var scripted: [FakeAnswer] = []
        var payloads: [JSONValue] = []
        var pings: [String] = []
    }

    let state = Mutex(State())

    func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    var snapshot: State { state.withLock { $0 } }

    func handle(_ request: RecordedRequest) -> FakeAnswer {
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
            state.payloads.append(payload)
            return .text("ok")
        }
    }
}

/// Runs `body` with a Slack webhook fake and the URL of its one hook.
@discardableResult
func withFakeSlackWebhook<Result: Sendable>(_ body: (FakeSlackWebhook, String) async throws -> Result) async throws -> Result {
    let hook = FakeSlackWebhook()
    return try await withFakeServer({ request in hook.handle(request) }) { port in
        try await body(hook, "http://127.0.0.1:\(port)/services/T000/B000/XXXX")
    }
}
