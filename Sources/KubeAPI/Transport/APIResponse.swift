import NIOCore
import NIOHTTP1

/// A complete, successful (2xx) response.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// The body as received, for decoding in place: a list page is megabytes, and copying it cost as much as a
    /// fifth of decoding it.
    var buffer: ByteBuffer

    /// The body as an array of bytes (a copy).
    var body: [UInt8] { Array(buffer.readableBytesView) }
}
