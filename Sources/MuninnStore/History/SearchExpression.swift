import Foundation

/// Search words as the trigram index takes them. Each word becomes an FTS5 string (double quotes, inner
/// quotes doubled), so nothing a person types is read as FTS5 syntax; the strings are ANDed. The trigram
/// index cannot look up fewer than three characters, so shorter words are checked against the row's text
/// instead (slower, but only over the rows the other conditions leave).
struct SearchExpression {
    /// The MATCH argument, or nil when no word is long enough for the index.
    let match: String?
    /// Words under three characters.
    let shortTerms: [String]

    init(terms: [String]) {
        let long = terms.filter { $0.unicodeScalars.count >= 3 }
        match = long.isEmpty ? nil : long.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
        shortTerms = terms.filter { $0.unicodeScalars.count < 3 }
    }
}
