/// The end of a log, cut to a budget: crashes are explained by the last lines, so the start goes.
public struct LogTail: Sendable, Equatable {
    /// The kept lines, joined by newlines.
    public var text: String
    /// Lines not kept whole (dropped, or cut at the start of the kept text).
    public var linesCut: Int
    /// Characters (Unicode scalars) dropped from the start.
    public var charactersCut: Int

    public var isTruncated: Bool { linesCut > 0 || charactersCut > 0 }

    /// Keeps at most `maxLines` lines and at most `maxCharacters` Unicode scalars (and, when
    /// given, `maxUTF8Bytes` bytes) from the end of `log`; trailing blank lines are dropped first.
    public init(_ log: String, maxLines: Int, maxCharacters: Int, maxUTF8Bytes: Int? = nil) {
        let trimmed = Self.trimmingTrailingNewlines(log)
        // A log of n bytes has at most n scalars and, its last line not being empty, at most n lines: within every
        // budget it is kept whole, without taking it apart into scalars (most logs, and every alert of a burst).
        let bytes = trimmed.utf8.count
        if bytes <= maxLines, bytes <= maxCharacters, bytes <= maxUTF8Bytes ?? Int.max {
            text = trimmed
            linesCut = 0
            charactersCut = 0
            return
        }
        var lines = trimmed.split(separator: "\n", omittingEmptySubsequences: false)
        if trimmed.isEmpty { lines = [] }
        let totalLines = lines.count
        let totalScalars = trimmed.unicodeScalars.count
        let keptLines = lines.suffix(max(0, maxLines))
        var scalars = Array(keptLines.joined(separator: "\n").unicodeScalars)
        if scalars.count > maxCharacters { scalars = Array(scalars.suffix(max(0, maxCharacters))) }
        if let maxUTF8Bytes {
            var bytes = scalars.reduce(0) { $0 + $1.utf8.count }
            var drop = 0
            while bytes > maxUTF8Bytes, drop < scalars.count {
                bytes -= scalars[drop].utf8.count
                drop += 1
            }
            scalars.removeFirst(drop)
        }
        text = String(String.UnicodeScalarView(scalars))
        let partialFirstLine = scalars.count < keptLines.joined(separator: "\n").unicodeScalars.count
        let keptLineCount = text.isEmpty ? 0 : text.split(separator: "\n", omittingEmptySubsequences: false).count
        linesCut = totalLines - keptLineCount + (partialFirstLine && keptLineCount > 0 ? 1 : 0)
        charactersCut = totalScalars - scalars.count
    }

    /// One line saying what was cut, or nil when nothing was.
    public var cutNotice: String? {
        guard isTruncated else { return nil }
        let lines = linesCut == 1 ? "1 line" : "\(linesCut) lines"
        let characters = charactersCut == 1 ? "1 character" : "\(charactersCut) characters"
        return linesCut > 0 ? "\(lines) (\(characters)) cut from the start" : "\(characters) cut from the start"
    }

    private static func trimmingTrailingNewlines(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == "\n" || last == "\r" || last == " " || last == "\t" {
            scalars.removeLast()
        }
        return String(scalars)
    }
}
