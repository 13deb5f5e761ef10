import Foundation
import Testing

@testable import KubeJSON

@Suite struct JSONValueTests {
    @Test func roundTripPreservesKeyOrderAndIsCompact() throws {
        let text = #"{"kind":"Pod","apiVersion":"v1","metadata":{"name":"web","labels":{"b":"2","a":"1"}},"spec":{"containers":[{"name":"c","image":"x"}]},"n":-12,"f":1.5,"t":true,"z":null}"#
        let value = try JSONValue(parsing: text)
        #expect(value.serializedString() == text)
        #expect(value["metadata"]?["labels"]?.objectValue?.keys == ["b", "a"])
        #expect(value["n"]?.intValue == -12)
        #expect(value["f"]?.doubleValue == 1.5)
    }

    @Test func escapesLikeGo() throws {
        let value: JSONValue = ["msg": "<b>&\"quoted\"\n\u{2028}\u{01}"]
        #expect(value.serializedString() == #"{"msg":"\u003cb\u003e\u0026\"quoted\"\n\u2028\u0001"}"#)
        #expect(try JSONValue(parsing: value.serializedString()) == value)
    }

    @Test func decodesUnicodeEscapesAndSurrogates() throws {
        let value = try JSONValue(parsing: #"["\u00e9\ud83d\ude00", "\ud800x", "a\/b"]"#)
        #expect(value[0]?.stringValue == "é😀")
        #expect(value[1]?.stringValue == "\u{FFFD}x")
        #expect(value[2]?.stringValue == "a/b")
    }

    @Test func invalidUTF8IsRepairedNotRejected() throws {
        let bytes: [UInt8] = Array(#"{"log":""#.utf8) + [0xFF, 0xFE, 0x41] + Array(#""}"#.utf8)
        let value = try JSONValue(parsing: bytes)
        #expect(value["log"]?.stringValue == "\u{FFFD}\u{FFFD}A")
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "tru", "01", "1.", "-", "\"abc", "{\"a\":1}x", "\"\u{01}\"", "[1 2]", "{1:2}",
    ])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    }

    @Test func rejectsExcessiveNesting() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    }

    @Test func numbersKeepIntegersExact() throws {
        let value = try JSONValue(parsing: "[9223372036854775807, 1e3, 2.50, -0]")
        #expect(value[0] == .int(Int64.max))
        #expect(value[1] == .double(1000))
        #expect(value[1]?.intValue == 1000)
        #expect(value.serializedString() == "[9223372036854775807,1000,2.5,0]")
    }

    @Test func duplicateKeysLastWins() throws {
        let value = try JSONValue(parsing: #"{"a":1,"b":2,"a":3}"#)
        #expect(value.serializedString() == #"{"a":3,"b":2}"#)
    }

    @Test func pathSubscriptCreatesIntermediateObjects() {
        var value: JSONValue = [:]
        value[path: ["status", "phase"]] = "Running"
        value[path: ["metadata", "labels", "app"]] = "web"
        #expect(value.serializedString() == #"{"status":{"phase":"Running"},"metadata":{"labels":{"app":"web"}}}"#)
        value[path: ["metadata", "labels", "app"]] = nil
        #expect(value[path: ["metadata", "labels"]] == [:])
    }

    @Test func mergePatchFollowsRFC7386() throws {
        let target = try JSONValue(parsing: #"{"a":"b","c":{"d":"e","f":"g"},"l":[1,2]}"#)
        let patch = try JSONValue(parsing: #"{"a":"z","c":{"f":null,"h":"i"},"l":[3]}"#)
        #expect(target.mergePatched(with: patch).serializedString() == #"{"a":"z","c":{"d":"e","h":"i"},"l":[3]}"#)
    }

    @Test func objectEqualityIgnoresOrder() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"b":2}"#) == JSONValue(parsing: #"{"b":2,"a":1}"#))
        #expect(try JSONValue(parsing: #"{"a":1,"b":2}"#).hashValue == JSONValue(parsing: #"{"b":2,"a":1}"#).hashValue)
    }

    @Test func codableBridgeWorksInsideModels() throws {
        struct Holder: Codable { var spec: JSONValue }
        let data = Data(#"{"spec":{"replicas":3,"paused":false,"name":"x"}}"#.utf8)
        let holder = try JSONDecoder().decode(Holder.self, from: data)
        #expect(holder.spec["replicas"]?.intValue == 3)
        #expect(holder.spec["paused"]?.boolValue == false)
    }
}

extension JSONValueTests {
    @Test func nonASCIIPassesThroughAndOnlyLineSeparatorsAreEscaped() throws {
        let value: JSONValue = .string("é😀 Ошибка 数据 \u{1F}\u{2029}end\u{2027}")
        #expect(value.serializedString() == "\"é😀 Ошибка 数据 \\u001f\\u2029end\u{2027}\"")
        #expect(try JSONValue(parsing: value.serializedString()) == value)
    }

    @Test func buildingAnObjectKeepsTheFirstPlaceAndTheLastValue() {
        let object = JSONObject([("a", 1), ("b", 2), ("a", 3)])
        #expect(object.keys == ["a", "b"])
        #expect(object["a"] == 3)
    }
}
