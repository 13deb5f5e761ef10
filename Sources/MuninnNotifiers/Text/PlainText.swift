/// Clean-up shared by every destination before any markup is applied.
enum PlainText {
    /// Drops control characters (keeping newline and tab), carriage returns and the bidirectional
    /// overrides that can make a line read differently from what it says.
    static func sanitized(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where keep(scalar) {
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// ``sanitized(_:)`` on one line: newlines and tabs become spaces.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(sanitized(text).unicodeScalars.map { $0 == "\n" || $0 == "\t" ? " " : $0 }))
    }

    /// At most `limit` Unicode scalars, ending with `…` when cut.
    static func clipped(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(max(0, limit - 1)))) + "…"
    }

    private static func keep(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A, 0x09: true
        case 0x00...0x1F, 0x7F...0x9F: false
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F: false
        default: true
        }
    }
}
