#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream into `\n`-terminated lines incrementally: lines may span any number of chunks and a chunk
/// may hold many lines. Memory is bounded: a partial line longer than `maximumLineLength` is an error.
///
/// Lines are lent, not copied: a watch line is a whole object (15 KB for a typical pod), and copying each one
/// cost as much as finding it.
struct LineSplitter {
    let maximumLineLength: Int
    private var buffer: [UInt8] = []
    /// First byte not yet returned.
    private var start = 0
    /// Bytes after `start` already searched for a newline.
    private var scanned = 0

    init(maximumLineLength: Int) {
        self.maximumLineLength = maximumLineLength
    }

    /// Adds received bytes.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if start > 0, start * 2 >= buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Calls `body` with the next complete line, without its terminator (and without a trailing `\r`), and returns
    /// its result; `nil` if no line is complete. Blank lines are skipped. The bytes are valid only inside `body`.
    mutating func withNextLine<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result? {
        while let range = try nextLineRange() {
            if isBlank(range) { continue }
            return try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[range])) }
        }
        return nil
    }

    /// Whether bytes of an unterminated line remain (a stream that ends here was cut mid-event).
    var hasPartialLine: Bool {
        buffer[start...].contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }
    }

    /// The unterminated tail, for a final line without `\n`.
    mutating func takeRemainder() -> [UInt8] {
        let rest = Array(buffer[start...])
        buffer.removeAll(keepingCapacity: false)
        start = 0
        scanned = 0
        return rest
    }

    /// The range of the next terminated line (terminators excluded), consumed from the buffer.
    private mutating func nextLineRange() throws(KubeAPIError) -> Range<Int>? {
        let searchFrom = start + scanned
        let newline: Int? = buffer.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, searchFrom < raw.count else { return nil }
            guard let found = memchr(base + searchFrom, Int32(UInt8(ascii: "\n")), raw.count - searchFrom) else { return nil }
            return base.distance(to: UnsafeRawPointer(found))
        }
        guard let newline else {
            scanned = buffer.count - start
            if scanned > maximumLineLength { throw .lineTooLong(limit: maximumLineLength) }
            return nil
        }
        var end = newline
        if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let range = start..<end
        start = newline + 1
        scanned = 0
        if range.count > maximumLineLength { throw .lineTooLong(limit: maximumLineLength) }
        return range
    }

    private func isBlank(_ range: Range<Int>) -> Bool {
        // A JSON line starts with `{`; only keep-alive blank lines are all spaces, so this is one byte for most.
        buffer[range].allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }
}
