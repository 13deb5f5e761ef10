import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

@Suite(.timeLimit(.minutes(1))) struct WebhookNotifierTests {
    static let key: [UInt8] = Array("a very secret key of 32 bytes!!!".utf8)
    static let now = Date(timeIntervalSince1970: 1_760_000_200)

    private func notifier(_ url: String, secret: String? = "whsec_" + Data(WebhookNotifierTests.key).base64EncodedString()) -> WebhookNotifier {
        WebhookNotifier(
            name: "hook",
            configuration: WebhookConfiguration(url: url, secret: secret, headers: [("Authorization", "Token abc"), ("X-Team", "payments")], requestTimeout: .seconds(10)),
            now: { Self.now })
    }

    @Test func postsTheDocumentedPayloadSigned() async throws {
        try await withFakeWebhook(FakeWebhookReceiver(key: Self.key, now: { Self.now })) { receiver, url in
            var alert = Samples.crash()
            alert.message = "token: Bearer abc.def"
            let receipt = try await notifier(url).send(alert, to: DeliveryTarget(), logger: Samples.logger)
            let state = receiver.snapshot
            let request = try #require(state.requests.first)
            #expect(state.signatureValid == [true])
            #expect(request.method == "POST" && request.path == "/hooks/muninn")
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.header("Authorization") == "Token abc" && request.header("X-Team") == "payments")
            #expect(request.header("webhook-timestamp") == "1760000200")
            #expect(request.header("webhook-id") == receipt.messageID)
            #expect(receipt.messageID?.hasPrefix("msg_") == true && receipt.messageID?.count == 36)
            let payload = try JSONValue(parsing: request.body)
            let expected: JSONValue = [
                "version": "1", "id": "uid-1234/api/containerd://abc", "kind": "crashed",
                "summary": "Container crashed: payments/api-7f9c container api: OOMKilled, exit code 137 [prod-eu]",
                "cluster": "prod-eu", "namespace": "payments", "pod": "api-7f9c", "container": "api", "node": "node-a",
                "workload": ["kind": "Deployment", "name": "api"], "image": "registry.example/api:1.4.2", "reason": "OOMKilled",
                "exitCode": 137, "signal": nil, "exitCodeMeaning": "killed by SIGKILL (often the OOM killer)", "message": "token: Bearer [REDACTED]",
                "restartCount": 8, "restartsSeen": 3, "occurredAt": "2025-10-09T08:53:20.000Z", "seenLate": false,
                "events": ["BackOff: Back-off restarting failed container api", "OOMKilling: Memory cgroup out of memory"],
                "logs": ["text": .string(String(Samples.crashLog.dropLast())), "truncated": false, "linesCut": 0, "unavailableReason": nil],
                "messageId": .string(receipt.messageID ?? ""), "thread": nil, "precedingChange": nil,
            ]
            #expect(payload == expected)
            #expect(payload.objectValue?.keys == expected.objectValue?.keys)
        }
    }

    @Test func theMessageIDIsStableAcrossRetries() async throws {
        try await withFakeWebhook { receiver, url in
            let hook = notifier(url, secret: nil)
            _ = try await hook.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            _ = try await hook.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            let ids = receiver.snapshot.requests.map { $0.header("webhook-id") }
            #expect(ids.count == 2 && ids[0] != nil && ids[0] == ids[1])
            #expect(receiver.snapshot.requests[0].header("webhook-signature") == nil)
        }
    }

    @Test func longLogsKeepTheirEnd() async throws {
        try await withFakeWebhook { receiver, url in
            let logs = (1...10_000).map { "line \($0)" }.joined(separator: "\n")
            let hook = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: url, maximumLogBytes: 1_000))
            _ = try await hook.send(Samples.crash(logs: logs), to: DeliveryTarget(), logger: Samples.logger)
            let payload = try JSONValue(parsing: try #require(receiver.snapshot.requests.first).body)
            let text = try #require(payload[path: ["logs", "text"]]?.stringValue)
            #expect(text.utf8.count <= 1_000 && text.hasSuffix("line 9999\nline 10000"))
            #expect(payload[path: ["logs", "truncated"]] == true)
        }
    }

    @Test(arguments: [
        (FakeAnswer.text("slow down", status: 429, headers: [("Retry-After", "3")]), NotifierError.retryable(reason: "webhook answered HTTP 429: slow down", retryAfter: .seconds(3))),
        (.text("", status: 503, headers: [("Retry-After", "Thu, 09 Oct 2025 08:56:50 GMT")]), .retryable(reason: "webhook answered HTTP 503", retryAfter: .seconds(10))),
        (.text("oops", status: 500), .retryable(reason: "webhook answered HTTP 500: oops", retryAfter: nil)),
        (.text("bad", status: 400), .permanent(reason: "webhook answered HTTP 400: bad")),
        (.text("", status: 410), .permanent(reason: "webhook answered HTTP 410 (the receiver is gone: remove or fix this destination)")),
        (.text("", status: 301, headers: [("Location", "http://127.0.0.1:9/elsewhere")]), .permanent(reason: "webhook answered HTTP 301")),
    ])
    func statusesAreClassified(answer: FakeAnswer, expected: NotifierError) async throws {
        try await withFakeWebhook { receiver, url in
            receiver.update { $0.scripted = [answer] }
            await #expect(throws: expected) { try await notifier(url).send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger) }
        }
    }
}

@Suite struct ConsoleNotifierTests {
    @Test func writesOneRedactedJSONLinePerAlert() async throws {
        let lines = LineCollector()
        let console = ConsoleNotifier(write: { lines.append($0) })
        var alert = Samples.hostile()
        alert.logs = "key AKIAIOSFODNN7EXAMPLE\nline\u{2028}two"
        _ = try await console.send(alert, to: DeliveryTarget(), logger: Samples.logger)
        _ = try await console.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
        let written = lines.lines
        #expect(written.count == 2)
        #expect(written.allSatisfy { !$0.contains("\n") && !$0.contains("\u{2028}") })
        let first = try JSONValue(parsing: written[0])
        #expect(first[path: ["logs", "text"]] == "key [REDACTED]\nline\u{2028}two")
        #expect(first["pod"] == "api-<!channel>")
        #expect(first["version"] == "1")
    }
}
