/// Word-at-a-time searches over JSON bytes: eight bytes per step with the classic SWAR byte tests, and the exact
/// position of the first match from the lowest set bit (a borrow can only flag bytes after a true match, never
/// before it).
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first `"` or `\` at or after `start`, or `bytes.count`.
    @inline(__always)
    static func firstQuoteOrBackslash(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let mask = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C))
            if mask != 0 { return position + mask.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return position }
            position += 1
        }
        return position
    }

    /// The index of the first `"`, `\` or control character (below 0x20) at or after `start`, or `bytes.count`.
    @inline(__always)
    static func firstQuoteBackslashOrControl(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let mask = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | below0x20(word)
            if mask != 0 { return position + mask.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position += 1
        }
        return position
    }

    /// The index of the first `"`, `\`, control character or non-ASCII byte at or after `start`, or `bytes.count`.
    @inline(__always)
    static func firstQuoteBackslashControlOrNonASCII(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        while position + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let mask = zeroBytes(word ^ (ones &* 0x22)) | zeroBytes(word ^ (ones &* 0x5C)) | below0x20(word) | (word & highs)
            if mask != 0 { return position + mask.trailingZeroBitCount >> 3 }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return position }
            position += 1
        }
        return position
    }

    /// Whether every byte in `start..<end` is ASCII.
    @inline(__always)
    static func isASCII(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var position = start
        var seen: UInt64 = 0
        while position + 8 <= end {
            seen |= bytes.loadUnaligned(fromByteOffset: position, as: UInt64.self)
            position += 8
        }
        while position < end {
            seen |= UInt64(bytes[position])
            position += 1
        }
        return seen & highs == 0
    }

    /// The high bit of each byte of `word` that is zero (exact for the lowest such byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 { (word &- ones) & ~word & highs }

    /// The high bit of each byte of `word` below 0x20 (exact for the lowest such byte).
    @inline(__always)
    private static func below0x20(_ word: UInt64) -> UInt64 { (word &- ones &* 0x20) & ~word & highs }
}
