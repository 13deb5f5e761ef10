import Foundation

/// The query string of a request as HTML forms send it: `+` is a space, then percent-decoding. Hummingbird's
/// own map keeps `+`, which would turn a searched phrase typed in the form into one word with plus signs.
struct QueryParameters: Sendable {
    private var pairs: [(String, String)]

    init(rawQuery: String?) {
        pairs = (rawQuery ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            return (key, value)
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of `name`, nil when absent or blank (an empty form field means "any").
    subscript(_ name: String) -> String? {
        guard let value = pairs.first(where: { $0.0 == name })?.1.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// Every non-blank value of `name`.
    func all(_ name: String) -> [String] {
        pairs.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
