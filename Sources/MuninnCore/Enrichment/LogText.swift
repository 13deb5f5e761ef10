/// Turns raw log bytes from the cluster into alert text that respects the caps, whatever the bytes are.
enum LogText {
    /// The last `maximumLines` lines within the last `maximumBytes` bytes, invalid UTF-8 repaired. A cut never
    /// starts in the middle of a UTF-8 sequence.
    static func text(from bytes: [UInt8], maximumBytes: Int, maximumLines: Int) -> String {
        // The configuration keeps both caps at 1 or more; a caller that does not gets no text rather than a trap.
        guard maximumBytes > 0, maximumLines > 0 else { return "" }
        var start = max(0, bytes.count - maximumBytes)
        if start > 0 {
            // Continuation bytes (10xxxxxx) belong to a character whose first byte was cut off.
            var skipped = 0
            while start < bytes.count, skipped < 3, bytes[start] & 0xC0 == 0x80 {
                start += 1
                skipped += 1
            }
        }
        let kept = bytes[start...]
        let lines = kept.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // A final newline yields an empty last piece: not a line of its own.
        let lineCount = kept.last == UInt8(ascii: "\n") ? lines.count - 1 : lines.count
        guard lineCount > maximumLines else { return String(decoding: kept, as: UTF8.self) }
        let firstKeptLine = lines[lines.count - (kept.last == UInt8(ascii: "\n") ? maximumLines + 1 : maximumLines)]
        return String(decoding: kept[firstKeptLine.startIndex...], as: UTF8.self)
    }
}
