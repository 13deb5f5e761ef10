import Foundation
import KubeJSON
import NotifierFakes
import Testing

/// The log-store fakes refuse what the real services refuse, so a notifier test passing against them means something.
@Suite struct LogStoreFakeTests {
    private func bulk(_ body: String, contentType: String = "application/x-ndjson", path: String = "/_bulk") -> RecordedRequest {
        RecordedRequest(method: "POST", path: path, headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    @Test func elasticsearchRefusesMalformedBulkBodies() throws {
        let fake = FakeElasticsearch()
        let unterminated = fake.handle(bulk(#"{"index":{"_index":"a"}}"# + "\n" + #"{"x":1}"#))
        #expect(unterminated.status == 400)
        #expect(String(decoding: unterminated.body, as: UTF8.self).contains("The bulk request must be terminated by a newline [\\\\n]"))
        #expect(fake.handle(bulk(#"{"index":{"_index":"a"}}"# + "\n{}\n", contentType: "text/plain")).status == 406)
        #expect(fake.handle(bulk(#"{"upsert":{"_index":"a"}}"# + "\n{}\n")).status == 400)
        #expect(fake.handle(bulk(#"{"index":{"_index":"a","colour":"red"}}"# + "\n{}\n")).status == 400)
        #expect(fake.handle(bulk(#"{"index":{"_id":"1"}}"# + "\n{}\n")).status == 400)
        #expect(fake.handle(bulk("{\"index\":{\"_index\":\"a\"}}\n")).status == 400)
        #expect(fake.handle(bulk("")).status == 400)
        #expect(fake.snapshot.documents.isEmpty)
        // CRLF line ends and an index from the path are allowed.
        let ok = fake.handle(bulk("{\"index\":{\"_id\":\"1\"}}\r\n{\"x\":1}\r\n", path: "/logs-a/_bulk"))
        #expect(ok.status == 200 && fake.snapshot.indices["logs-a"]?["1"] != nil)
    }

    @Test func elasticsearchAnswersEveryItemInOrder() throws {
        let fake = FakeElasticsearch()
        fake.scriptItems([.store, .rejected])
        let body = [
            #"{"create":{"_index":"crashes-2026.08.21","_id":"a"}}"#, #"{"n":1}"#,
            #"{"index":{"_index":"crashes-2026.08.21","_id":"b"}}"#, #"{"n":2}"#,
            #"{"create":{"_index":"crashes-2026.08.21","_id":"a"}}"#, #"{"n":3}"#,
            #"{"index":{"_index":"Crashes","_id":"c"}}"#, #"{"n":4}"#,
            #"{"index":{"_index":"crashes-2026.08.21","_id":"d"}}"#, #"{"n":"not a number"}"#,
        ].joined(separator: "\n") + "\n"
        let answer = fake.handle(bulk(body))
        #expect(answer.status == 200)
        let json = try JSONValue(parsing: answer.body)
        #expect(json["errors"] == true)
        let items = try #require(json["items"]?.arrayValue)
        #expect(items.compactMap { $0.objectValue?.keys.first } == ["create", "index", "create", "index", "index"])
        #expect(items.compactMap { $0.objectValue?.members.first?.value["status"]?.intValue } == [201, 429, 409, 400, 400])
        #expect(items[1][path: ["index", "error", "type"]] == "es_rejected_execution_exception")
        #expect(items[2][path: ["create", "error", "type"]] == "version_conflict_engine_exception")
        #expect(items[3][path: ["index", "error", "type"]] == "invalid_index_name_exception")
        #expect(items[4][path: ["index", "error", "type"]] == "document_parsing_exception")
        #expect(fake.snapshot.documents.map(\.id) == ["a"])
    }

    private func push(_ body: String, contentType: String = "application/json") -> RecordedRequest {
        RecordedRequest(method: "POST", path: "/loki/api/v1/push", headers: [("Content-Type", contentType)], body: Array(body.utf8))
    }

    @Test func lokiValidatesPushes() throws {
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        let fake = FakeLoki(maximumStreams: 1, now: { now })
        let ns = "1760000000000000000"
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[["\#(ns)","x"]]}]}"#, contentType: "application/x-protobuf")).status == 415)
        #expect(fake.handle(push(#"{"streams":[{"stream":{"bad-name":"b"},"values":[["\#(ns)","x"]]}]}"#)).status == 400)
        #expect(fake.handle(push(#"{"streams":[{"stream":{},"values":[["\#(ns)","x"]]}]}"#)).status == 400)
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[[1760000000000000000,"x"]]}]}"#)).status == 400)
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[["\#(ns)","x",{"trace_id":1}]]}]}"#)).status == 400)
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[["\#(ns)","x",{"trace_id":"t"}]]}]}"#)).status == 204)
        // The same timestamp and line again is dropped silently; an hour and more behind is refused.
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[["\#(ns)","x"]]}]}"#)).status == 204)
        #expect(fake.snapshot.duplicatesDropped == 1)
        #expect(fake.handle(push(#"{"streams":[{"stream":{"a":"b"},"values":[["1759990000000000000","old"]]}]}"#)).status == 400)
        let second = fake.handle(push(#"{"streams":[{"stream":{"a":"c"},"values":[["\#(ns)","x"]]}]}"#))
        #expect(second.status == 429 && String(decoding: second.body, as: UTF8.self).hasPrefix("Maximum active stream limit exceeded"))
        #expect(fake.entries(["a": "b"]).map(\.line) == ["x"])
        #expect(fake.entries(["a": "b"]).first?.metadata == ["trace_id": "t"])
    }
}
