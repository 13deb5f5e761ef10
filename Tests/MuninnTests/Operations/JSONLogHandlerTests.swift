import Foundation
import KubeJSON
import Logging
import Testing

@testable import Muninn

/// The JSON log line a collector reads: one object per line, sorted keys, the timestamp in UTC with milliseconds.
@Suite struct JSONLogHandlerTests {
    private func event(_ message: Logger.Message, level: Logger.Level = .info, metadata: Logger.Metadata? = nil) -> LogEvent {
        LogEvent(level: level, message: message, metadata: metadata, source: nil, file: #fileID, function: #function, line: #line)
    }

    @Test func aLineIsOneSortedObjectWithATimestamp() throws {
        var handler = JSONLogHandler(label: "muninn.detect")
        handler.metadata = ["cluster": "prod"]
        let date = Date(timeIntervalSince1970: 1_795_000_000.25)
        let line = handler.line(for: event("pod list in sync", metadata: ["remembered_pods": "1000"]), at: date)
        let text = try #require(String(validating: line, as: UTF8.self))
        #expect(
            text
                == #"{"cluster":"prod","level":"info","logger":"muninn.detect","msg":"pod list in sync","remembered_pods":"1000","ts":"2026-11-18T11:06:40.250Z"}"#
                + "\n")
    }

    @Test func eventMetadataWinsAndNestedValuesStayStructured() throws {
        var handler = JSONLogHandler(label: "muninn")
        handler.metadata = ["key": "handler", "other": "kept"]
        let metadata: Logger.Metadata = [
            "key": "event", "list": ["a", .stringConvertible(2)], "map": ["z": "1", "a": ["x"]], "url": "http://127.0.0.1:8080/",
        ]
        let line = handler.line(for: event("a \"quoted\" message\nwith a newline", level: .warning, metadata: metadata), at: Date(timeIntervalSince1970: 0))
        #expect(line.last == UInt8(ascii: "\n"))
        let parsed = try line.dropLast().withUnsafeBufferPointer { try JSONParser.parse($0) }
        let expected: JSONValue = .object(
            JSONObject([
                ("key", .string("event")), ("level", .string("warning")), ("list", .array([.string("a"), .string("2")])),
                ("logger", .string("muninn")), ("map", .object(JSONObject([("a", .array([.string("x")])), ("z", .string("1"))]))),
                ("msg", .string("a \"quoted\" message\nwith a newline")), ("other", .string("kept")),
                ("ts", .string("1970-01-01T00:00:00.000Z")), ("url", .string("http://127.0.0.1:8080/")),
            ]))
        #expect(parsed == expected)
    }
}
