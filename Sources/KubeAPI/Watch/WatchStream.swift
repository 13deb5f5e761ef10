import AsyncHTTPClient
import NIOCore

/// One watch: an `AsyncSequence` of events read from the response body only as fast as it is iterated
/// (AHC reads from the socket only when asked), so there is no buffer between the socket and the consumer
/// beyond one HTTP chunk and one partial line.
///
/// The sequence ends when the server ends the stream (e.g. after `timeoutSeconds`); a stream cut mid-event
/// throws `.transport`. It can be iterated once.
public struct WatchStream<Object: Decodable & Sendable>: AsyncSequence, Sendable {
    public typealias Element = WatchEvent<Object>

    let body: HTTPClientResponse.Body
    let maximumLineLength: Int

    public func makeAsyncIterator() -> Iterator {
        Iterator(body: body.makeAsyncIterator(), decoder: WatchEventDecoder(maximumLineLength: maximumLineLength))
    }

    /// Pulls chunks from the body on demand.
    public struct Iterator: AsyncIteratorProtocol {
        var body: HTTPClientResponse.Body.AsyncIterator
        var decoder: WatchEventDecoder<Object>
        var finished = false

        public mutating func next() async throws -> WatchEvent<Object>? {
            while !finished {
                if let event = try decoder.next() { return event }
                let chunk: ByteBuffer?
                do {
                    chunk = try await body.next()
                } catch {
                    finished = true
                    throw KubeClient.transportError(error)
                }
                guard let chunk else {
                    finished = true
                    return try decoder.finish()
                }
                decoder.append(chunk.readableBytesView)
            }
            return nil
        }
    }
}
