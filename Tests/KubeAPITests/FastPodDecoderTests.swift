import Foundation
import KubeJSON
import KubeletModel
import Testing

@testable import KubeAPI

/// The fast pod decoder must give exactly what `JSONDecoder` gives, or decline (nil) and leave the input to it.
@Suite struct FastPodDecoderTests {
    static func podFixtures() throws -> [String] {
        try FixtureDecodingTests.fixtures().filter { $0.hasPrefix("pod-") }
    }

    /// Foundation's answer, or nil where it throws.
    static func foundation<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) -> T? {
        try? JSONDecoder().decode(T.self, from: Data(bytes))
    }

    /// Where Foundation decodes the bytes, the fast path either declines or agrees with it, for the pod alone, in a
    /// list and in a watch event. Where Foundation throws, the fast path may answer (what it skips is not validated);
    /// getting here without a crash is the check.
    static func expectAgreement(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let fast = FastJSONDecoding.decode(Pod.self, from: bytes), let reference = foundation(Pod.self, bytes) {
            #expect(fast == reference, "\(label)", sourceLocation: sourceLocation)
        }
        let list = Array(#"{"kind":"PodList","metadata":{"resourceVersion":"5","continue":"abc"},"items":["#.utf8) + bytes + Array("]}".utf8)
        if let fast = FastJSONDecoding.decode(ObjectList<Pod>.self, from: list), let expected = foundation(ObjectList<Pod>.self, list) {
            #expect(fast.items == expected.items && fast.metadata == expected.metadata, "list: \(label)", sourceLocation: sourceLocation)
        }
        let event = Array(#"{"type":"MODIFIED","object":"#.utf8) + bytes + Array("}".utf8)
        if let fast = FastJSONDecoding.decode(WatchEvent<Pod>.self, from: event), let expected = foundation(WatchEvent<Pod>.self, event) {
            guard case .modified(let pod) = fast, case .modified(let reference) = expected else {
                Issue.record("event kinds differ: \(label)", sourceLocation: sourceLocation)
                return
            }
            #expect(pod == reference, "event: \(label)", sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: try podFixtures())
    func everyExamplePodDecodesFastAndExactly(name: String) throws {
        let bytes = Array(try FixtureDecodingTests.data(name))
        let fast = try #require(FastJSONDecoding.decode(Pod.self, from: bytes), "the fast path declined \(name)")
        #expect(fast == (try JSONDecoder().decode(Pod.self, from: Data(bytes))))
        Self.expectAgreement(bytes, name)
    }

    /// Every field of every example replaced by null, other types, escapes, unicode and a huge string.
    @Test(arguments: try podFixtures())
    func hostileFieldValuesAgreeWithFoundation(name: String) async throws {
        let root = try JSONValue(parsing: try FixtureDecodingTests.data(name))
        var paths: [[String]] = []
        func walk(_ value: JSONValue, _ path: [String]) {
            if case .object(let object) = value {
                for (key, child) in object where key != "managedFields" {
                    paths.append(path + [key])
                    if path.count < 4 { walk(child, path + [key]) }
                }
            }
            if case .array(let array) = value, let first = array.first { walk(first, path + ["0"]) }
        }
        walk(root, [])
        let huge = String(repeating: "é\u{1F600}\"\\\n", count: 1000)
        let replacements: [JSONValue] = [.null, .int(7), .double(1.5), .string(huge), .bool(true), .array([.string("x")]), .object(JSONObject())]
        for path in paths {
            for replacement in replacements {
                var copy = root
                Self.set(&copy, path[...], replacement)
                Self.expectAgreement(copy.serialized(), "\(name) \(path.joined(separator: ".")) = \(String(describing: replacement).prefix(24))")
            }
            // Thousands of debug-build decodes: let the tests beside this one (fake servers with deadlines) run too.
            await Task.yield()
        }
    }

    private static func set(_ value: inout JSONValue, _ path: ArraySlice<String>, _ replacement: JSONValue) {
        guard let key = path.first else {
            value = replacement
            return
        }
        if case .array(var array) = value, let index = Int(key), array.indices.contains(index) {
            set(&array[index], path.dropFirst(), replacement)
            value = .array(array)
        } else if case .object(var object) = value, var child = object[key] {
            set(&child, path.dropFirst(), replacement)
            object[key] = child
            value = .object(object)
        }
    }

    /// Random byte damage to the exemplar: the fast path declines or agrees where Foundation decodes, and never crashes.
    @Test func damagedBytesNeverCrashAndNeverDisagree() async throws {
        let exemplar = Array(try FixtureDecodingTests.data("pod-benchmark-exemplar-upstream.json"))
        var random = SeededRandom(seed: 8)
        let inserts: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "\\"), 0xFF, UInt8(ascii: "}"), UInt8(ascii: "1"), 0x01]
        for round in 0..<300 {
            var bytes = exemplar
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                case 1: bytes.remove(at: index)
                case 2: bytes.insert(inserts[Int.random(in: 0..<inserts.count, using: &random)], at: index)
                default: bytes = Array(bytes[..<index])
                }
                if bytes.isEmpty { bytes = [UInt8(ascii: "{")] }
            }
            Self.expectAgreement(bytes, "damage round \(round)")
            await Task.yield()  // a long synchronous loop otherwise holds one of the pool's two threads
        }
    }

    @Test(arguments: [
        #"{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"status":{"phase":"A","phase":"B"}}"#,
        #"{"metadata":{"name":"\u00e9\ud83d\ude00\n\/","labels":{"k":"\u0000"},"annotations":{"a":null}}}"#,
        #"{"metadata":{"name":"\ud800"}}"#,
        #"{"metadata":{"n\u0061me":"escaped key"}}"#,
        #"{"metadata":{"labels":{"caf\u00e9":"1"}}}"#,
        #"{"status":{"containerStatuses":[{"restartCount":1.0},{"restartCount":1e2},{"restartCount":99999999999999999999},{"restartCount":-0},{"restartCount":01}]}}"#,
        #"{"status":{"containerStatuses":[{"state":{"waiting":{"reason":5},"running":{}}},{"state":{"terminated":{"exitCode":"x"},"waiting":null}},{"lastState":{"running":{"startedAt":"bad"}}}]}}"#,
        #"{"status":{"containerStatuses":[null,7,{"name":"ok"}],"conditions":{"type":"Ready"}}}"#,
        #"{"metadata":{"name":"a",}}"#,
        #"{"metadata":{"name":"a"}} trailing"#,
        #"  {"metadata":{"ownerReferences":[{"controller":"yes","kind":"ReplicaSet"},null]}}  "#,
        #"[]"#, #"null"#, #""#, #"{"#,
    ])
    func edgeCasesAgreeWithFoundation(json: String) {
        Self.expectAgreement(Array(json.utf8), json)
    }

    @Test func deepNestingIsDeclinedNotACrash() {
        let deep = Array((#"{"metadata":{"x":"# + String(repeating: "[", count: 100_000)).utf8)
        #expect(FastJSONDecoding.decode(Pod.self, from: deep) == nil)
        Self.expectAgreement(deep, "deep")
    }

    @Test func watchEventsOtherThanObjectEventsAreLeftToFoundation() {
        for line in [
            #"{"type":"BOOKMARK","object":{"metadata":{"resourceVersion":"9"}}}"#,
            #"{"type":"ERROR","object":{"kind":"Status","code":410}}"#,
            #"{"object":{"metadata":{"name":"a"}},"type":"ADDED"}"#,
            #"{"type":"ADDED"}"#,
        ] {
            #expect(FastJSONDecoding.decode(WatchEvent<Pod>.self, from: Array(line.utf8)) == nil, "\(line)")
        }
        let decoded = FastJSONDecoding.decode(WatchEvent<Pod>.self, from: Array(#"{"type":"DELETED","object":{"metadata":{"name":"a"}}}"#.utf8))
        guard case .deleted(let pod)? = decoded else {
            Issue.record("expected a DELETED event")
            return
        }
        #expect(pod.metadata.name == "a")
    }

    @Test func otherObjectTypesKeepTheFoundationPath() {
        #expect(FastJSONDecoding.decode(KubeEvent.self, from: Array(#"{"metadata":{"name":"a"}}"#.utf8)) == nil)
        #expect(FastJSONDecoding.decode(JSONValue.self, from: Array(#"{"a":1}"#.utf8)) == nil)
    }
}
