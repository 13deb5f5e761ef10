/// Splits what a person typed into search words, without any query language: whitespace separates words,
/// double quotes keep a phrase together (an unclosed quote runs to the end). Every other character is text,
/// so `"`, `*`, `-`, `AND`, `NEAR` or `(` can never change what a search means or make it fail.
public enum SearchTerms {
    public static func parse(_ text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        var inQuotes = false
        func finish() {
            if !current.isEmpty { terms.append(current) }
            current = ""
        }
        for character in text {
            if character == "\"" {
                finish()
                inQuotes.toggle()
            } else if character.isWhitespace && !inQuotes {
                finish()
            } else {
                current.append(character)
            }
        }
        finish()
        return terms.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
