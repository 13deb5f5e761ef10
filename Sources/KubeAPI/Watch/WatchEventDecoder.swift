import Foundation

/// Decodes watch stream bytes into events: line splitting plus single-pass JSON decoding of each line.
struct WatchEventDecoder<Object: Decodable & Sendable> {
    private var splitter: LineSplitter
    private let decoder = JSONDecoder()

    init(maximumLineLength: Int) {
        splitter = LineSplitter(maximumLineLength: maximumLineLength)
    }

    mutating func append(_ bytes: some Collection<UInt8>) {
        splitter.append(bytes)
    }

    /// The next complete event, or `nil` until more bytes arrive.
    mutating func next() throws -> WatchEvent<Object>? {
        let decoder = self.decoder
        return try splitter.withNextLine { line in try Self.decode(line, fallback: decoder) }
    }

    /// Call at end of stream: a final event without a newline is still an event (Go's encoder always writes one,
    /// but be liberal); an unparseable tail means the stream was cut mid-event.
    mutating func finish() throws -> WatchEvent<Object>? {
        guard splitter.hasPartialLine else { return nil }
        let rest = splitter.takeRemainder()
        do {
            return try rest.withUnsafeBytes { try Self.decode($0, fallback: decoder) }
        } catch {
            throw KubeAPIError.transport("watch stream ended in the middle of an event (\(rest.count) bytes)")
        }
    }

    private static func decode(_ line: UnsafeRawBufferPointer, fallback decoder: JSONDecoder) throws -> WatchEvent<Object> {
        if let event = FastJSONDecoding.decode(WatchEvent<Object>.self, fromBytes: line) { return event }
        do {
            return try decoder.decode(WatchEvent<Object>.self, from: Data(line))
        } catch {
            throw KubeAPIError.decoding(what: "watch event", message: String(describing: error))
        }
    }
}
