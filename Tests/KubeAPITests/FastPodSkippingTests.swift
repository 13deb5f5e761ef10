import Foundation
import KubeJSON
import Testing

@testable import KubeAPI

/// Subtrees the fast decoder does not read (managedFields, env, probes, volumes) are skipped by their structure
/// alone: quotes, backslashes and brackets. These pin what that must still get right.
@Suite struct FastPodSkippingTests {
    static func decode(_ json: String) -> Pod? {
        FastJSONDecoding.decode(Pod.self, from: Array(json.utf8))
    }

    /// The pod the fast path gives must be Foundation's, and it must not decline valid JSON of this shape.
    static func expectExact(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let bytes = Array(json.utf8)
        let reference = FastPodDecoderTests.foundation(Pod.self, bytes)
        #expect(reference != nil, "not valid JSON: \(json)", sourceLocation: sourceLocation)
        #expect(FastJSONDecoding.decode(Pod.self, from: bytes) == reference, "\(json)", sourceLocation: sourceLocation)
        FastPodDecoderTests.expectAgreement(bytes, json, sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        // managedFields keys as the API server writes them: escaped quotes inside a key.
        #"{"metadata":{"managedFields":[{"fieldsV1":{"f:spec":{"k:{\"name\":\"nginx\"}":{".":{}}}}}],"name":"a"}}"#,
        // A skipped string that ends in an escaped backslash, then one that is only escapes.
        #"{"metadata":{"x":"ends in \\","name":"a"}}"#,
        #"{"metadata":{"x":"\\\"\\\"\\","name":"a"}}"#,
        #"{"metadata":{"x":["\"]","\\"],"name":"a"}}"#,
        // Brackets and braces inside skipped strings do not count.
        #"{"metadata":{"managedFields":[{"x":"}]}[{","y":"{{{{"}],"name":"a"}}"#,
        #"{"spec":{"volumes":[{"name":"]"}],"containers":[{"name":"c","env":[{"value":"[}\"{"}]}]}}"#,
        // Skipped scalars of every kind, with and without whitespace around them.
        #"{"metadata":{"a":1,"b":-2.5e+3,"c":true,"d":false,"e":null,"f": 0 ,"g":[1,true,null],"name":"a"}}"#,
        "{\"metadata\":{\"a\" :\n[ 1 ,\t{ } ] , \"name\":\"a\"}}",
        // Unicode and escapes in skipped strings.
        #"{"metadata":{"x":"\u00e9\ud83d\ude00 é 😀","name":"a"}}"#,
    ])
    func skippedSubtreesEndExactlyWhereTheyEnd(json: String) {
        Self.expectExact(json)
    }

    /// Quotes and backslashes at every offset within an eight-byte word, in a skipped string and in read ones.
    @Test func quotesAndEscapesAtEveryOffsetOfAWord() {
        for padding in 0..<24 {
            let pad = String(repeating: "p", count: padding)
            Self.expectExact(#"{"metadata":{"x":"\#(pad)\"q","name":"\#(pad)a"}}"#)
            Self.expectExact(#"{"metadata":{"x":"\#(pad)\\","name":"\#(pad)\"b\\"}}"#)
            Self.expectExact(#"{"metadata":{"x":"\#(pad)","labels":{"k\#(pad)":"\#(pad)é"},"name":"\#(pad)"}}"#)
        }
    }

    /// A pod cut short anywhere is never decoded: an unclosed string or bracket is seen even where nothing is read.
    /// (Every third length: each is a decode of up to 14 KB, and the debug build is slow.)
    @Test func truncatedInputIsDeclined() async throws {
        let pod = try JSONValue(parsing: try FixtureDecodingTests.data("pod-benchmark-exemplar-upstream.json")).serialized()
        for length in stride(from: 0, to: pod.count, by: 3) {
            let cut = Array(pod[..<length])
            #expect(FastJSONDecoding.decode(Pod.self, from: cut) == nil, "cut at \(length)")
            let event = Array(#"{"type":"MODIFIED","object":"#.utf8) + cut
            #expect(FastJSONDecoding.decode(WatchEvent<Pod>.self, from: event) == nil, "event cut at \(length)")
            await Task.yield()  // thousands of debug-build decodes: let the tests beside this one run too
        }
    }

    @Test(arguments: [
        #"{"metadata":{"x":"unterminated}}"#,
        #"{"metadata":{"x":"ends in a backslash\"#,
        #"{"metadata":{"x":[{"a":1}}}"#,
        #"{"metadata":{"x":{"#,
        #"{"metadata":{"x":}}"#,
        #"{"metadata":{"x":,"name":"a"}}"#,
    ])
    func brokenStructureIsDeclined(json: String) {
        #expect(Self.decode(json) == nil)
    }

    /// Damage where the decoder reads is still declined (Foundation then decides, and words the error).
    @Test(arguments: [
        #"{"metadata":{"name":"a",}}"#,
        #"{"metadata":{"name":"a" "namespace":"b"}}"#,
        #"{"metadata":{"name":"a\x"}}"#,
        "{\"metadata\":{\"name\":\"a\u{01}\"}}",
        #"{"metadata":{"generation":1.5}}"#,
        #"{"status":{"containerStatuses":[{"restartCount":07}]}}"#,
        #"{"metadata":{"labels":{"a":"b",}}}"#,
    ])
    func damageWhereFieldsAreReadIsDeclined(json: String) {
        #expect(Self.decode(json) == nil)
    }

    @Test func invalidUTF8IsDeclinedWhereReadAndPassesWhereSkipped() {
        let read = Array(#"{"metadata":{"name":"a"#.utf8) + [0xFF] + Array(#""}}"#.utf8)
        #expect(FastJSONDecoding.decode(Pod.self, from: read) == nil)
        let skipped = Array(#"{"metadata":{"x":"a"#.utf8) + [0xFF] + Array(#"","name":"b"}}"#.utf8)
        #expect(FastJSONDecoding.decode(Pod.self, from: skipped)?.metadata.name == "b")
    }

    /// The documented trade: damage that keeps the structure, inside a subtree nobody reads, is not noticed; the
    /// fields that are read still come out right.
    @Test func damageInsideASkippedSubtreeLeavesTheReadFieldsRight() {
        let pod = Self.decode(#"{"metadata":{"managedFields":[1 2 tru],"name":"a"},"status":{"phase":"Running"}}"#)
        #expect(pod?.metadata.name == "a")
        #expect(pod?.status.phase == "Running")
    }

    @Test func nestingDeeperThanFoundationAllowsIsDeclinedEvenWhenBalanced() {
        let deep = #"{"metadata":{"x":"# + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}}"
        #expect(Self.decode(deep) == nil)
        let shallow = #"{"metadata":{"x":"# + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + #","name":"a"}}"#
        Self.expectExact(shallow)
    }
}
