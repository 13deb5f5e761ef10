import Crypto
import Foundation
import Synchronization

/// A webhook receiver: records each request's raw bytes and headers, verifies Standard Webhooks
/// signatures when it knows the key, and answers from a script (then 200).
final class FakeWebhookReceiver: Sendable {
    struct State: Sendable {
        var requests: [RecordedRequest] = []
        var scripted: [FakeAnswer] = []
        /// For each request: was its signature valid (nil when no key is configured).
        var signatureValid: [Bool?] = []
    }

    let key: [UInt8]?
    let state = Mutex(State())

    init(key: [UInt8]? = nil) { self.key = key }

    func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    var snapshot: State { state.withLock { $0 } }

    func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            state.requests.append(request)
            state.signatureValid.append(key.map { verify(request, key: $0) })
            return state.scripted.isEmpty ? .text("", status: 204) : state.scripted.removeFirst()
        }
    }

    private func verify(_ request: RecordedRequest, key: [UInt8]) -> Bool {
        guard let id = request.header("webhook-id"), let timestamp = request.header("webhook-timestamp"),
            let signatures = request.header("webhook-signature")
        else { return false }
        var signed = Array("\(id).\(timestamp).".utf8)
        signed.append(contentsOf: request.body)
        let expected = "v1," + Data(HMAC<SHA256>.authenticationCode(for: signed, using: SymmetricKey(data: key))).base64EncodedString()
        return signatures.split(separator: " ").contains { $0 == expected }
    }
}

/// Runs `body` with a webhook receiver and its URL.
@discardableResult
func withFakeWebhook<Result: Sendable>(_ receiver: FakeWebhookReceiver = FakeWebhookReceiver(), _ body: (FakeWebhookReceiver, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in receiver.handle(request) }) { port in
        try await body(receiver, "http://127.0.0.1:\(port)/hooks/muninn")
    }
}
