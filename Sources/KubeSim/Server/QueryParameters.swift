import Foundation

/// A request's query, decoded as Go's `url.ParseQuery` does (`+` is a space, percent escapes).
struct QueryParameters: Sendable {
    private var values: [(String, String)] = []

    init(_ raw: String?) {
        guard let raw, !raw.isEmpty else { return }
        for pair in raw.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values.append((key, value))
        }
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// The first value of a parameter.
    subscript(_ name: String) -> String? { values.first { $0.0 == name }?.1 }

    /// Every value of a repeated parameter (`dryRun=All&dryRun=All`), in order.
    func all(_ name: String) -> [String] { values.filter { $0.0 == name }.map(\.1) }

    /// `true`/`1` style booleans as `strconv.ParseBool` accepts them.
    func bool(_ name: String) -> Bool {
        guard let value = self[name] else { return false }
        return ["1", "t", "T", "true", "TRUE", "True"].contains(value)
    }

    func has(_ name: String) -> Bool { self[name] != nil }
}
