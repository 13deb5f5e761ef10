import Foundation
import KubeJSON
import Testing

@testable import KubeAPI

/// A list page split into its items as its bytes arrive, in chunks cut anywhere.
@Suite struct ListItemSplitterTests {
    static let page = #"""
        {"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"42","continue":"next"},"items":[
        {"metadata":{"name":"a","annotations":{"odd":"a \"quoted\" ] } [ { string\\"}},"status":{}},
        {"metadata":{"name":"b","labels":{}},"spec":{"containers":[{"name":"x","args":["[","]"]}]}}
        , {"metadata":{"name":"c"}}],"extra":[1,2,{"deep":[true,null,-1.5e3]}]}
        """#

    /// Feeds `text` in chunks of the given sizes (repeated) and returns each item's bytes and the envelope.
    static func split(_ text: String, chunkSizes: [Int], maximumItemLength: Int = 1 << 20) throws -> (items: [String], envelope: String) {
        let bytes = Array(text.utf8)
        var splitter = ListItemSplitter(maximumItemLength: maximumItemLength)
        var items: [String] = []
        var offset = 0
        var turn = 0
        while offset < bytes.count {
            let size = chunkSizes[turn % chunkSizes.count]
            turn += 1
            splitter.append(bytes[offset..<min(bytes.count, offset + size)])
            offset += size
            while let item = try splitter.withNextItem({ String(decoding: $0, as: UTF8.self) }) { items.append(item) }
        }
        try splitter.finish()
        return (items, String(decoding: splitter.envelope, as: UTF8.self))
    }

    @Test(arguments: [[1], [2, 7], [13], [64], [100_000]])
    func itemsAndEnvelopeAreTheSameWhereverTheChunksAreCut(chunkSizes: [Int]) throws {
        let (items, envelope) = try Self.split(Self.page, chunkSizes: chunkSizes)
        let names = try items.map { item in
            let object = try JSONValue(parsing: Array(item.utf8))
            return object["metadata"]?["name"]?.stringValue ?? "?"
        }
        #expect(names == ["a", "b", "c"])
        #expect(items[0].hasSuffix(#""status":{}}"#))
        let list = try JSONDecoder().decode(ObjectList<Pod>.self, from: Data(envelope.utf8))
        #expect(list.metadata.resourceVersion == "42")
        #expect(list.metadata.continue == "next")
        #expect(list.items.isEmpty)
        #expect(envelope.contains(#""extra":[1,2,{"deep":[true,null,-1.5e3]}]"#))
    }

    @Test func metadataAfterTheItemsAndAnEmptyListAreRead() throws {
        let (items, envelope) = try Self.split(#"{"items":[],"metadata":{"resourceVersion":"7"}}"#, chunkSizes: [3])
        #expect(items.isEmpty)
        #expect(envelope == #"{"items":[],"metadata":{"resourceVersion":"7"}}"#)
        let nullItems = try Self.split(#" { "items" : null , "kind" : "PodList" } "#, chunkSizes: [5])
        #expect(nullItems.items.isEmpty)
        #expect(nullItems.envelope == #"{"items":null,"kind":"PodList"}"#)
    }

    @Test func aListCutShortIsTruncated() throws {
        let cut = String(Self.page.prefix(Self.page.count - 30))
        #expect(throws: ListItemSplitter.Failure.truncated) { try Self.split(cut, chunkSizes: [50]) }
        #expect(throws: ListItemSplitter.Failure.truncated) { try Self.split("", chunkSizes: [1]) }
    }

    @Test func malformedListsAreRejected() throws {
        for text in [#"[{"a":1}]"#, #"{"items":[{}]} {}"#, #"{"items":[{} {}]}"#, #"{"items":[,]}"#, #"{"a" 1}"#, #"{"a":1 "b":2}"#, #"{3:1}"#] {
            #expect(throws: ListItemSplitter.Failure.self, "\(text)") { try Self.split(text, chunkSizes: [4]) }
        }
    }

    @Test func anItemLongerThanTheLimitIsRefused() throws {
        let big = #"{"items":[{"data":""# + String(repeating: "x", count: 5_000) + #""}]}"#
        #expect(throws: ListItemSplitter.Failure.itemTooLong(limit: 1_000)) { try Self.split(big, chunkSizes: [512], maximumItemLength: 1_000) }
        #expect(try Self.split(big, chunkSizes: [512], maximumItemLength: 10_000).items.count == 1)
    }
}
