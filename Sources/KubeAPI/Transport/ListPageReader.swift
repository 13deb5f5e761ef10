import AsyncHTTPClient
import Foundation
import NIOCore

/// One page of a list, read as it arrives: items are decoded while the rest of the page is still on its way, and
/// the page is never held whole (at most `bytesAhead`, 256 KB, and one HTTP chunk). Like `WatchStream`, it reads from
/// the socket only as fast as it is asked for items.
///
/// A consumer that stops asking for longer than the server's request timeout (kube-apiserver: 60 s) has the page
/// cut off, a transport error; the reflector then lists again, as after any failed page.
///
/// `next()` returns the page's items in order, then nil; from then on `metadata` holds the list's metadata (its
/// resourceVersion and continue token, which Go's encoder writes before the items, but are only trusted once the
/// whole page was read).
public struct ListPageReader<Item: Decodable & Sendable> {
    private var body: HTTPClientResponse.Body.AsyncIterator
    private var splitter: ListItemSplitter
    private let what: String
    private let maximumBytes: Int
    private var receivedBytes = 0
    /// Items the envelope itself carried (only if `items` was spelled with escapes, which no server does).
    private var envelopeItems: [Item] = []
    private var bodyEnded = false
    private var failed = false
    public private(set) var metadata: ListMetadata?

    init(body: HTTPClientResponse.Body, what: String, maximumItemBytes: Int, maximumBytes: Int) {
        self.body = body.makeAsyncIterator()
        splitter = ListItemSplitter(maximumItemLength: maximumItemBytes)
        self.what = what
        self.maximumBytes = maximumBytes
    }

    /// The next item, or nil at the end of the page. Throws `KubeAPIError.transport` when the page is cut off
    /// or too large, `.decoding` when it or an item cannot be read.
    public mutating func next() async throws -> Item? {
        while !failed {
            if let item = try nextBuffered() { return item }
            if bodyEnded {
                if metadata == nil { try finish() }
                return envelopeItems.isEmpty ? nil : envelopeItems.removeFirst()
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await body.next()
            } catch {
                failed = true
                throw KubeClient.transportError(error)
            }
            guard let chunk else {
                bodyEnded = true
                continue
            }
            receivedBytes += chunk.readableBytes
            guard receivedBytes <= maximumBytes else {
                failed = true
                throw KubeAPIError.transport("\(what) is larger than \(maximumBytes) bytes")
            }
            splitter.append(chunk.readableBytesView)
        }
        return nil
    }

    /// How many bytes are let in after an item's start before it is decoded in one pass (several items: a pod
    /// is 15 KB), so an item is rarely found incomplete and its end need not be found by a scan of its own.
    static var bytesAhead: Int { 256 * 1024 }

    private mutating func nextBuffered() throws -> Item? {
        do {
            return try splitter.withNextItem(
                ahead: (Self.bytesAhead, bodyEnded, { FastJSONDecoding.decodePrefix(Item.self, fromBytes: $0) }),
                { bytes in try Self.decode(Item.self, bytes, what: what) })
        } catch let failure as ListItemSplitter.Failure {
            failed = true
            throw Self.error(failure, what: what)
        } catch {
            failed = true
            throw error
        }
    }

    private mutating func finish() throws {
        do {
            try splitter.finish()
        } catch {
            failed = true
            throw Self.error(error, what: what)
        }
        let list = try splitter.envelope.withUnsafeBytes { try Self.decode(ObjectList<Item>.self, $0, what: what) }
        metadata = list.metadata
        envelopeItems = list.items
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ bytes: UnsafeRawBufferPointer, what: String) throws -> T {
        if let value = FastJSONDecoding.decode(T.self, fromBytes: bytes) { return value }
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw KubeAPIError.decoding(what: what, message: String(describing: error))
        }
    }

    private static func error(_ failure: ListItemSplitter.Failure, what: String) -> KubeAPIError {
        switch failure {
        case .malformed(let problem): .decoding(what: what, message: "not a list: \(problem)")
        case .itemTooLong(let limit): .transport("\(what) holds an item larger than \(limit) bytes")
        case .truncated: .transport("\(what) ended in the middle of the list")
        }
    }
}
