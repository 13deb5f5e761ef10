import Foundation
import KubeJSON
import Synchronization

/// A local Slack Web API that enforces what Slack enforces (APIS.md §1.6) and records what it
/// accepted: chat.postMessage (with threads), conversations.list, the three-step file upload.
///
/// ```swift
/// try await withFakeSlack { slack, apiURL in
///     slack.failNextPosts(2, with: .rateLimited(retryAfter: 1))
///     // ... run Muninn with SLACK_API_URL = apiURL ...
///     let messages = try await slack.waitForMessages(3)
/// }
/// ```
public final class FakeSlack: Sendable {
    /// Configuration (public, settable through ``update(_:)``) and what was recorded (read-only).
    public struct State: Sendable {
        /// Tokens and their scopes.
        public var tokens: [String: Set<String>]
        public var channels: [FakeSlackChannel]
        /// conversations.list answers at most this many channels per page.
        public var pageSize = 2
        /// The undocumented total over all blocks (msg_blocks_too_long near 13,200).
        public var blocksTotalLimit = 12_000
        /// When set, a second message to a channel sooner than this after the last one gets HTTP 429.
        public var perChannelInterval: Duration?
        public var threadPolicy = FakeSlackThreadPolicy.reject
        /// Answers that replace the next chat.postMessage outcomes, in order.
        public var scriptedPosts: [FakeSlackFailure] = []
        /// The next upload URL POST answers this status.
        public var scriptedUploadStatus: Int?
        /// The next files.getUploadURLExternal answers this error code.
        public var scriptedGetUploadURLError: String?

        public internal(set) var uploads: [FakeSlackUpload] = []
        public internal(set) var conversationsListCalls = 0
        public internal(set) var requests: [RecordedRequest] = []
        /// Non-fatal warnings Slack would add (`missing_charset`).
        public internal(set) var warnings: [String] = []
        /// `<...>` sequences found in mrkdwn that would ping or link.
        public internal(set) var pings: [String] = []
        /// Messages whose `text` was over 4,000 characters (Slack splits or cuts those).
        public internal(set) var longTexts = 0
        /// chat.postMessage calls answered 429 by the per-channel pacing check.
        public internal(set) var rateLimitedPosts = 0
        var lastPostAt: [String: Date] = [:]
        var parents: Set<ParentKey> = []
        var nextTS = 1_700_000_000_000_001
        var nextFile = 1
        var port = 0
    }

    /// Every scope Muninn's Slack destination uses.
    public static let allScopes: Set<String> = ["chat:write", "chat:write.public", "channels:read", "groups:read", "files:write"]

    public static let defaultChannels: [FakeSlackChannel] = [
        FakeSlackChannel(id: "C0GENERAL1", name: "general"),
        FakeSlackChannel(id: "C0RANDOM01", name: "random"),
        FakeSlackChannel(id: "C0ALERTS01", name: "alerts"),
        FakeSlackChannel(id: "G0SECRET01", name: "secret-ops", isPrivate: true),
        FakeSlackChannel(id: "C0OUTSIDE1", name: "outside", isMember: false),
        FakeSlackChannel(id: "C0ARCHIVE1", name: "old-alerts", isArchived: true),
    ]

    let state: Mutex<State>
    let arrivals = Arrivals<FakeSlackMessage>()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    /// - Parameter now: the fake's clock, for the per-channel pacing check.
    public init(
        tokens: [String: Set<String>] = ["xoxb-test": FakeSlack.allScopes], channels: [FakeSlackChannel] = FakeSlack.defaultChannels,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        state = Mutex(State(tokens: tokens, channels: channels))
        self.now = now
    }

    /// Changes the configuration (or reads the state) atomically.
    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }

    public var snapshot: State { state.withLock { $0 } }

    /// Every accepted message, oldest first.
    public var messages: [FakeSlackMessage] { arrivals.items }

    /// Waits until `count` messages were accepted; returns all accepted so far.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeSlackMessage] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` chat.postMessage calls fail with `failure`.
    public func failNextPosts(_ count: Int, with failure: FakeSlackFailure) {
        update { $0.scriptedPosts.append(contentsOf: Array(repeating: failure, count: count)) }
    }

    /// Leaves the next `count` chat.postMessage calls unanswered (and not posted) until the fake
    /// stops: the client times out.
    public func holdNextPosts(_ count: Int) { hold.add(count) }

    /// Holds no further request (one that timed out before it arrived must not leave its hold to the next).
    public func stopHolding() { hold.stopHolding() }

    /// Answers one request (the HTTP server calls this; tests may too).
    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            state.requests.append(request)
            if request.path.hasPrefix("/upload/v1/") { return Self.receiveUpload(request, &state) }
            guard request.path.hasPrefix("/api/") else { return .text("not found", status: 404) }
            let method = String(request.path.dropFirst("/api/".count))
            guard request.method == "POST" || method == "conversations.list" else { return .json(["ok": false, "error": "invalid_post_type"]) }
            switch method {
            case "chat.postMessage":
                let (answer, message) = Self.postMessage(request, &state, now: now())
                // Recorded under the lock, so arrivals keep the order of the timestamps.
                if let message { arrivals.append(message) }
                return answer
            case "conversations.list": return Self.conversationsList(request, &state)
            case "files.getUploadURLExternal": return Self.getUploadURL(request, &state)
            case "files.completeUploadExternal": return Self.completeUpload(request, &state)
            default: return .json(["ok": false, "error": "unknown_method"], status: 404)
            }
        }
    }
}

/// Runs `body` with a Slack fake and its API base URL (`http://127.0.0.1:<port>/api`).
@discardableResult
public func withFakeSlack<Result: Sendable>(_ slack: FakeSlack = FakeSlack(), _ body: (FakeSlack, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if request.path == "/api/chat.postMessage" && slack.hold.take() {
            await slack.hold.wait()
            return .text("held", status: 504)
        }
        return slack.handle(request)
    }) { port in
        defer { slack.hold.releaseAll() }
        slack.update { $0.port = port }
        return try await body(slack, "http://127.0.0.1:\(port)/api")
    }
}
