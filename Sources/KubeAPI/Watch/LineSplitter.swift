/// Splits a byte stream into `\n`-terminated lines incrementally: lines may span any number of chunks and a chunk
/// may hold many lines. Memory is bounded: a partial line longer than `maximumLineLength` is an error.
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

    /// The next complete line without its terminator (and without a trailing `\r`), or `nil` if none is complete.
    /// Blank lines are skipped.
    mutating func nextLine() throws(KubeAPIError) -> [UInt8]? {
        while true {
            var index = start + scanned
            while index < buffer.count, buffer[index] != UInt8(ascii: "\n") { index += 1 }
            guard index < buffer.count else {
                scanned = buffer.count - start
                if scanned > maximumLineLength { throw .lineTooLong(limit: maximumLineLength) }
                return nil
            }
            var end = index
            if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = Array(buffer[start..<end])
            start = index + 1
            scanned = 0
            if line.count > maximumLineLength { throw .lineTooLong(limit: maximumLineLength) }
            if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            return line
        }
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
}
