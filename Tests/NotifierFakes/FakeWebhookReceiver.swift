import Crypto
import Foundation
import KubeJSON
import Synchronization

/// A generic webhook receiver (APIS.md §4.7): with a key it verifies Standard Webhooks signatures
/// over the exact bytes received and rejects stale timestamps (401); it wants JSON (415 otherwise);
/// it de-duplicates on `webhook-id` (a repeat is answered 204 but not recorded again); and it
/// answers from a script first (410, 429, 5xx), then 204.
public final class FakeWebhookReceiver: Sendable {
    public struct State: Sendable {
        /// Answers that replace the next outcomes, in order.
        public var scripted: [FakeAnswer] = []
        /// Every request, accepted or not.
        public internal(set) var requests: [RecordedRequest] = []
        /// For each request: was its signature valid (nil when no key is configured).
        public internal(set) var signatureValid: [Bool?] = []
        /// Requests whose `webhook-id` had been accepted before.
        public internal(set) var duplicates = 0
        var seenIDs: Set<String> = []
    }

    /// How far `webhook-timestamp` may be from the receiver's clock (the Standard Webhooks default).
    public static let tolerance: TimeInterval = 300

    let key: [UInt8]?
    let now: @Sendable () -> Date
    let state = Mutex(State())
    let arrivals = Arrivals<FakeWebhookDelivery>()
    let hold = FakeHold()

    /// - Parameters:
    ///   - key: the HMAC key (the base64-decoded part of a `whsec_` secret); nil accepts unsigned requests.
    ///   - now: the receiver's clock, for the timestamp tolerance.
    public init(key: [UInt8]? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.key = key
        self.now = now
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every accepted delivery, oldest first.
    public var deliveries: [FakeWebhookDelivery] { arrivals.items }

    /// Waits until `count` deliveries were accepted; returns all accepted so far.
    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeWebhookDelivery] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` requests answer `answer` (`.text("", status: 503)`, a 429 with `Retry-After`, 410, ...).
    public func failNext(_ count: Int, with answer: FakeAnswer) {
        update { $0.scripted.append(contentsOf: Array(repeating: answer, count: count)) }
    }

    /// Leaves the next `count` requests unanswered until the receiver stops: the client times out.
    public func holdNext(_ count: Int) { hold.add(count) }

    /// Holds no further request (one that timed out before it arrived must not leave its hold to the next).
    public func stopHolding() { hold.stopHolding() }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            let valid = key.map { verify(request, key: $0, now: now) }
            state.signatureValid.append(valid)
            if !state.scripted.isEmpty { return state.scripted.removeFirst() }
            if valid == false { return .text("invalid signature or stale timestamp", status: 401) }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
                return .text("expected application/json", status: 415)
            }
            guard let payload = try? JSONValue(parsing: request.body) else { return .text("invalid JSON", status: 400) }
            let id = request.header("webhook-id")
            if let id {
                guard state.seenIDs.insert(id).inserted else {
                    state.duplicates += 1
                    return .text("", status: 204)
                }
            }
            arrivals.append(FakeWebhookDelivery(id: id, payload: payload, request: request))
            return .text("", status: 204)
        }
    }

    private func verify(_ request: RecordedRequest, key: [UInt8], now: Date) -> Bool {
        guard let id = request.header("webhook-id"), let timestamp = request.header("webhook-timestamp"),
            let seconds = TimeInterval(timestamp), abs(seconds - now.timeIntervalSince1970) <= Self.tolerance,
            let signatures = request.header("webhook-signature")
        else { return false }
        var signed = Array("\(id).\(timestamp).".utf8)
        signed.append(contentsOf: request.body)
        let expected = "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))).base64EncodedString()
        return signatures.split(separator: " ").contains { $0 == expected }
    }
}

/// Runs `body` with a webhook receiver and its URL (`http://127.0.0.1:<port>/hooks/muninn`).
@discardableResult
public func withFakeWebhook<Result: Sendable>(
    _ receiver: FakeWebhookReceiver = FakeWebhookReceiver(), _ body: (FakeWebhookReceiver, String) async throws -> Result
) async throws -> Result {
    try await withFakeServer({ request in
        if receiver.hold.take() {
            await receiver.hold.wait()
            return .text("held", status: 504)
        }
        return receiver.handle(request)
    }) { port in
        defer { receiver.hold.releaseAll() }
        return try await body(receiver, "http://127.0.0.1:\(port)/hooks/muninn")
    }
}
