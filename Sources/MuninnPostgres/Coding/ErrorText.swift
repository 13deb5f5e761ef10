/// Error texts kept in the store: bounded, since they may quote whatever a destination answered.
enum ErrorText {
    static let maximumCharacters = 4_000

    static func capped(_ text: String) -> String {
        guard text.count > maximumCharacters else { return text }
        return String(text.prefix(maximumCharacters)) + "… (truncated)"
    }
}
