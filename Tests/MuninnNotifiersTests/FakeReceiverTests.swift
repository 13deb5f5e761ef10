import Foundation
import KubeJSON
import MuninnCore
import NotifierFakes
import Testing

@testable import MuninnNotifiers

/// The fakes must reject what the real services reject, or the notifier tests prove nothing.
@Suite struct FakeReceiverTests {
    private func slackCall(_ slack: FakeSlack, _ method: String, json: JSONValue? = nil, form: String? = nil, token: String? = "xoxb-test") -> JSONValue? {
        var headers: [(name: String, value: String)] = []
        if let token { headers.append(("Authorization", "Bearer \(token)")) }
        headers.append(("Content-Type", json != nil ? "application/json; charset=utf-8" : "application/x-www-form-urlencoded"))
        let body = json.map { $0.serialized() } ?? Array((form ?? "").utf8)
        let answer = slack.handle(RecordedRequest(method: "POST", path: "/api/\(method)", rawQuery: "", headers: headers, body: body))
        return try? JSONValue(parsing: answer.body)
    }

    private func section(_ characters: Int) -> JSONValue {
        ["type": "section", "text": ["type": "mrkdwn", "text": .string(String(repeating: "x", count: characters))]]
    }

    @Test func slackEnforcesBlockLimits() {
        let slack = FakeSlack()
        let tooMany = JSONValue.array(Array(repeating: section(10), count: 51))
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "blocks": tooMany])?["error"] == "invalid_blocks")
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "blocks": [section(3_001)]])?["error"] == "invalid_blocks")
        let elevenFields = JSONValue.array(Array(repeating: ["type": "mrkdwn", "text": "f"], count: 11))
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "blocks": [["type": "section", "fields": elevenFields]]])?["error"] == "invalid_blocks")
        let header: JSONValue = ["type": "header", "text": ["type": "plain_text", "text": .string(String(repeating: "h", count: 151))]]
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "blocks": [header]])?["error"] == "invalid_blocks")
        let total = JSONValue.array(Array(repeating: section(2_900), count: 5))
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "blocks": total])?["error"] == "msg_blocks_too_long")
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01"])?["error"] == "no_text")
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "hi"], token: nil)?["error"] == "not_authed")
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "#secret-ops", "text": "hi"])?["error"] == "channel_not_found")
        #expect(slack.messages.isEmpty)
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "#alerts", "text": "hi"])?["ok"] == true)
    }

    @Test func slackEnforcesTheUploadFlowInOrder() {
        let slack = FakeSlack()
        #expect(slackCall(slack, "files.getUploadURLExternal", json: ["filename": "a.log", "length": 3])?["error"] == "invalid_arguments")
        #expect(slackCall(slack, "files.getUploadURLExternal", form: "filename=a.log&length=0")?["error"] == "missing_argument")
        let ticket = slackCall(slack, "files.getUploadURLExternal", form: "filename=a.log&length=3")
        let fileID = ticket?["file_id"]?.stringValue ?? ""
        let files = FormEncoding.percentEncoded(JSONValue.array([["id": .string(fileID)]]).serializedString())
        // Completing before the bytes arrived finds no file.
        #expect(slackCall(slack, "files.completeUploadExternal", form: "files=\(files)&channel_id=C0ALERTS01")?["error"] == "file_not_found")
        let upload = slack.handle(RecordedRequest(method: "POST", path: "/upload/v1/ticket1", rawQuery: "", headers: [], body: Array("abc".utf8)))
        #expect(upload.status == 200)
        #expect(slackCall(slack, "files.completeUploadExternal", form: "files=\(files)&channel_id=%23alerts")?["error"] == "invalid_arguments")
        #expect(slackCall(slack, "files.completeUploadExternal", form: "files=\(files)&channel_id=C0ALERTS01")?["ok"] == true)
        #expect(slackCall(slack, "files.completeUploadExternal", form: "files=\(files)&channel_id=C0ALERTS01")?["error"] == "file_not_found")
    }

    @Test func slackCutsTextOver40000CharactersAndRecordsIt() {
        let slack = FakeSlack()
        let text = String(repeating: "a", count: 40_001)
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": .string(text)])?["ok"] == true)
        let message = slack.messages.first
        #expect(message?.textTruncated == true && message?.text?.count == 40_000)
        #expect(slack.snapshot.longTexts == 1)
    }

    @Test func slackRepliesOnlyUnderParentsOfTheSameChannel() {
        let slack = FakeSlack()
        let parent = slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "parent"])?["ts"] ?? .null
        let reply = slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "reply", "thread_ts": parent])
        #expect(reply?["ok"] == true)
        #expect(reply?[path: ["message", "thread_ts"]] == parent)
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "x", "thread_ts": reply?["ts"] ?? .null])?["error"] == "thread_not_found")
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0RANDOM01", "text": "x", "thread_ts": parent])?["error"] == "thread_not_found")
        slack.update { $0.threadPolicy = .postToChannel }
        #expect(slackCall(slack, "chat.postMessage", json: ["channel": "C0RANDOM01", "text": "x", "thread_ts": "1.000001"])?["ok"] == true)
        #expect(slack.messages.map(\.threadTS) == [nil, parent.stringValue, nil])
    }

    @Test(.timeLimit(.minutes(1))) func waitingReturnsOnceEnoughArrivedAndTimesOutOtherwise() async throws {
        let slack = FakeSlack()
        async let waited = slack.waitForMessages(2)
        _ = slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "one"])
        _ = slackCall(slack, "chat.postMessage", json: ["channel": "C0ALERTS01", "text": "two"])
        #expect(try await waited.map(\.text) == ["one", "two"])
        await #expect(throws: FakeTimeout.self) { try await slack.waitForMessages(3, timeout: .milliseconds(50)) }
    }

    @Test func webhookReceiverWantsJSON() {
        let receiver = FakeWebhookReceiver()
        let answer = receiver.handle(RecordedRequest(method: "POST", path: "/hooks/muninn", headers: [("Content-Type", "text/plain")], body: Array("{}".utf8)))
        #expect(answer.status == 415)
        #expect(receiver.deliveries.isEmpty)
    }

    @Test func dingTalkReadsAnUnencodedPlusAsASpace() throws {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let dingtalk = FakeDingTalk(robots: ["t": FakeDingTalkRobot(secret: "SECx")], now: { now })
        var millis: Int64 = 1_760_000_000_000
        while !DingTalkSignature.sign(timestamp: millis, secret: "SECx").contains("+") { millis += 1 }
        let sign = DingTalkSignature.sign(timestamp: millis, secret: "SECx")
        let body: JSONValue = ["msgtype": "text", "text": ["content": "hello"]]
        func send(_ encodedSign: String) -> JSONValue? {
            let request = RecordedRequest(
                method: "POST", path: "/robot/send", rawQuery: "access_token=t&timestamp=\(millis)&sign=\(encodedSign)",
                headers: [("Content-Type", "application/json")], body: body.serialized())
            return try? JSONValue(parsing: dingtalk.handle(request).body)
        }
        #expect(send(sign)?["errmsg"] == "sign not match")
        #expect(send(FormEncoding.percentEncoded(sign))?["errcode"] == 0)
    }

    @Test func dingTalkAnswersErrorsWithHTTP200() {
        let dingtalk = FakeDingTalk(robots: ["t": FakeDingTalkRobot()], now: { Date(timeIntervalSince1970: 0) })
        let get = dingtalk.handle(RecordedRequest(method: "GET", path: "/robot/send", rawQuery: "access_token=t", headers: [], body: []))
        #expect(get.status == 200 && (try? JSONValue(parsing: get.body))?["errcode"] == 43002)
        let wrongType = dingtalk.handle(RecordedRequest(method: "POST", path: "/robot/send", rawQuery: "access_token=t", headers: [("Content-Type", "text/plain")], body: []))
        #expect((try? JSONValue(parsing: wrongType.body))?["errcode"] == 43004)
        let big = dingtalk.handle(RecordedRequest(
            method: "POST", path: "/robot/send", rawQuery: "access_token=t", headers: [("Content-Type", "application/json")], body: Array(repeating: 32, count: 20_001)))
        #expect((try? JSONValue(parsing: big.body))?["errcode"] == 460101)
    }
}

@Suite(.timeLimit(.minutes(1))) struct TimeoutTests {
    @Test func aReceiverThatNeverAnswersIsARetryableTimeout() async throws {
        let (never, release) = AsyncStream.makeStream(of: Void.self)
        try await withFakeServer({ _ in
            // Holds the request until the test has seen the timeout.
            for await _ in never {}
            return .text("late")
        }) { port in
            let hook = WebhookNotifier(name: "hook", configuration: WebhookConfiguration(url: "http://127.0.0.1:\(port)/hook", requestTimeout: .milliseconds(300)))
            await #expect(throws: NotifierError.retryable(reason: "request to 127.0.0.1:\(port) timed out after 0.3 seconds", retryAfter: nil)) {
                try await hook.send(Samples.crash(), to: DeliveryTarget(), logger: Samples.logger)
            }
            release.finish()
        }
    }
}
