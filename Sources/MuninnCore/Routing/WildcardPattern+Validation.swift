extension WildcardPattern {
    /// What is wrong with `text` as a pattern for Kubernetes names and label values, or nil.
    /// Wildcards are `*` and `?` only; brackets, braces and backslashes would read like character
    /// classes, alternatives or escapes that the matcher (like johari-mirror's) does not have, so a
    /// pattern using them could never do what its author meant.
    public static func problem(in text: String) -> String? {
        if text.isEmpty { return "empty pattern (use * to match anything)" }
        if let bad = text.first(where: { "[]{}\\".contains($0) }) {
            return "'\(bad)' is not supported in a pattern (only * and ? are wildcards)"
        }
        if text.contains(where: { $0.isWhitespace || $0.isNewline }) { return "a pattern cannot contain spaces" }
        return nil
    }
}
