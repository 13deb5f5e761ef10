import Foundation
import KubeJSON
import KubeletModel
import Testing

@testable import KubeAPI

@Suite struct WatchEventDecoderTests {
    static let lines = [
        PodJSON.event("ADDED", PodJSON.pod("a", rv: "1")),
        PodJSON.event("MODIFIED", PodJSON.pod("a", rv: "2", phase: "Failed")),
        PodJSON.bookmark(rv: "3"),
        PodJSON.event("DELETED", PodJSON.pod("a", rv: "4")),
        PodJSON.expiredEvent(reason: "Gone"),
    ]
    static let stream = Array(lines.map { $0 + "\n" }.joined().utf8)

    static func describe(_ event: WatchEvent<Pod>) -> String {
        switch event {
        case .added(let pod): "ADDED \(pod.metadata.name)@\(pod.resourceVersion ?? "")"
        case .modified(let pod): "MODIFIED \(pod.metadata.name)@\(pod.resourceVersion ?? "") \(pod.status.phase ?? "")"
        case .deleted(let pod): "DELETED \(pod.metadata.name)@\(pod.resourceVersion ?? "")"
        case .bookmark(let rv): "BOOKMARK \(rv)"
        case .error(let status): "ERROR \(status.code ?? 0) \(status.reason ?? "") expired=\(status.isExpired)"
        }
    }

    static let expected = ["ADDED a@1", "MODIFIED a@2 Failed", "BOOKMARK 3", "DELETED a@4", "ERROR 410 Gone expired=true"]

    static func decode(chunks: [ArraySlice<UInt8>]) throws -> [String] {
        var decoder = WatchEventDecoder<Pod>(maximumLineLength: 1 << 20)
        var events: [String] = []
        for chunk in chunks {
            decoder.append(chunk)
            while let event = try decoder.next() { events.append(describe(event)) }
        }
        if let last = try decoder.finish() { events.append(describe(last)) }
        return events
    }

    @Test func splitAtEveryByteBoundary() throws {
        for split in 0...Self.stream.count {
            let chunks = [Self.stream[0..<split], Self.stream[split...]]
            #expect(try Self.decode(chunks: chunks) == Self.expected, "split at \(split)")
        }
    }

    @Test func oneByteChunks() throws {
        #expect(try Self.decode(chunks: Self.stream.indices.map { Self.stream[$0...$0] }) == Self.expected)
    }

    @Test func randomChunkBoundariesSeeded() throws {
        var generator = SeededRandom(seed: 42)
        for _ in 0..<200 {
            var chunks: [ArraySlice<UInt8>] = []
            var index = 0
            while index < Self.stream.count {
                let size = Int(generator.next() % 300) + 1
                chunks.append(Self.stream[index..<min(index + size, Self.stream.count)])
                index += size
            }
            #expect(try Self.decode(chunks: chunks) == Self.expected)
        }
    }

    @Test func allEventsInOneChunk() throws {
        #expect(try Self.decode(chunks: [Self.stream[...]]) == Self.expected)
    }

    @Test func finalEventWithoutNewlineStillDecodes() throws {
        let bytes = Array((Self.lines[0] + "\n" + Self.lines[1]).utf8)
        #expect(try Self.decode(chunks: [bytes[...]]) == Array(Self.expected.prefix(2)))
    }

    @Test func streamCutMidEventIsATransportError() throws {
        let bytes = Array((Self.lines[0] + "\n" + Self.lines[1].prefix(30)).utf8)
        #expect {
            _ = try Self.decode(chunks: [bytes[...]])
        } throws: { error in
            if case KubeAPIError.transport = error { true } else { false }
        }
    }

    @Test func overLongLineIsAnErrorAndMemoryStaysBounded() throws {
        var decoder = WatchEventDecoder<Pod>(maximumLineLength: 100)
        decoder.append(Array(repeating: UInt8(ascii: "x"), count: 60))
        #expect(try decoder.next() == nil)
        decoder.append(Array(repeating: UInt8(ascii: "x"), count: 60))
        #expect(throws: KubeAPIError.self) { try decoder.next() }
    }

    @Test func untypedObjectsDecodeAsJSONValue() throws {
        var decoder = WatchEventDecoder<JSONValue>(maximumLineLength: 1 << 20)
        decoder.append(Array((PodJSON.event("ADDED", "{\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\",\"resourceVersion\":\"9\"},\"spec\":{\"size\":3}}") + "\n").utf8))
        guard case .added(let value) = try decoder.next() else {
            Issue.record("expected ADDED")
            return
        }
        #expect(value[path: ["spec", "size"]]?.intValue == 3)
        #expect(value.objectKey == ObjectKey(namespace: nil, name: "w"))
        #expect(value.resourceVersion == "9")
    }
}
