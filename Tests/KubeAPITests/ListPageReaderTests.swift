import AsyncHTTPClient
import Foundation
import NIOCore
import Testing

@testable import KubeAPI

/// A list page read as it arrives: every item decoded once, in order, whether in one pass (enough bytes ahead) or
/// after its end was found, and the list's metadata once the page ended.
@Suite struct ListPageReaderTests {
    static let items = (0..<40).map { PodJSON.item("pod-\($0)", rv: "\(100 + $0)") }
        // A key with an escape: the one-pass decoder declines it, Foundation reads it.
        + [#"{"metadata":{"name":"escaped","namespace":"default","resourceVersion":"200","l\u0061bels":{"a":"b"}},"spec":{},"status":{"phase":"Running"}}"#]
        + (40..<50).map { PodJSON.item("pod-\($0)", rv: "\(100 + $0)") }
    static let page = PodJSON.list(items, rv: "300", continue: "next-page")

    static func read(_ text: String, chunkSize: Int, maximumBytes: Int = 1 << 30) async throws -> (names: [String], metadata: ListMetadata?) {
        let bytes = Array(text.utf8)
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map { ByteBuffer(bytes: bytes[$0..<min(bytes.count, $0 + chunkSize)]) }
        let body = AsyncStream<ByteBuffer> { continuation in
            for chunk in chunks { continuation.yield(chunk) }
            continuation.finish()
        }
        var reader = ListPageReader<Pod>(body: .stream(body), what: "pods list", maximumItemBytes: 1 << 20, maximumBytes: maximumBytes)
        var names: [String] = []
        while let pod = try await reader.next() { names.append(pod.metadata.name) }
        return (names, reader.metadata)
    }

    @Test(arguments: [1, 100, 4_096, 1 << 20])
    func everyItemOnceInOrderThenTheMetadata(chunkSize: Int) async throws {
        let (names, metadata) = try await Self.read(Self.page, chunkSize: chunkSize)
        #expect(names == (0..<40).map { "pod-\($0)" } + ["escaped"] + (40..<50).map { "pod-\($0)" })
        #expect(metadata?.resourceVersion == "300")
        #expect(metadata?.continue == "next-page")
    }

    @Test func aPageCutShortIsATransportError() async throws {
        let cut = String(Self.page.dropLast(200))
        await #expect(throws: KubeAPIError.self) { try await Self.read(cut, chunkSize: 512) }
    }

    @Test func aPageLargerThanTheLimitIsRefused() async throws {
        await #expect(throws: KubeAPIError.self) { try await Self.read(Self.page, chunkSize: 512, maximumBytes: 2_000) }
    }

    @Test func aBrokenItemIsADecodingError() async throws {
        let broken = PodJSON.list([PodJSON.item("a", rv: "1"), #"{"metadata":{"name":"b"}]"#], rv: "2")
        await #expect(throws: KubeAPIError.self) { try await Self.read(broken, chunkSize: 64) }
    }
}
