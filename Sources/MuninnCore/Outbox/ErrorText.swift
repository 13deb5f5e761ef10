/// Error texts kept in the store: bounded, since they may quote whatever a destination answered. Shared by the
/// stores (`package`).
package enum ErrorText {
    package static let maximumCharacters = 4_000

    package static func capped(_ text: String) -> String {
        guard text.count > maximumCharacters else { return text }
        return String(text.prefix(maximumCharacters)) + "… (truncated)"
    }
}
