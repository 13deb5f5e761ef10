import Foundation

/// Follows a growing output file line by line without rereading it: counts lines and hands each new
/// complete line to the caller.
struct OutputFollower {
    let path: String
    private var offset: UInt64 = 0
    private var partial: [UInt8] = []
    private(set) var lineCount = 0

    init(path: String) { self.path = path }

    /// Reads what was appended since the last call; returns the new complete lines.
    mutating func poll() -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }  // try?: a read-only handle
        do {
            try handle.seek(toOffset: offset)
            guard let data = try handle.readToEnd(), !data.isEmpty else { return [] }
            offset += UInt64(data.count)
            var lines: [String] = []
            for byte in data {
                if byte == UInt8(ascii: "\n") {
                    lines.append(String(decoding: partial, as: UTF8.self))
                    partial.removeAll(keepingCapacity: true)
                    lineCount += 1
                } else {
                    partial.append(byte)
                }
            }
            return lines
        } catch {
            return []
        }
    }
}
