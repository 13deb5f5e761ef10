import KubeJSON

/// Values as ``FieldChange`` shows them: scalars as themselves, objects and lists as compact JSON, all cut to
/// ``maximumCharacters`` so one huge ConfigMap value cannot bloat a change.
enum ValueText {
    static let maximumCharacters = 200

    static func text(_ value: JSONValue) -> String {
        let full: String
        switch value {
        case .string(let string): full = string
        case .null: full = "null"
        case .bool(let flag): full = flag ? "true" : "false"
        case .int(let number): full = String(number)
        case .double, .array, .object: full = value.serializedString()
        }
        return clipped(full)
    }

    static func clipped(_ text: String) -> String {
        guard text.count > maximumCharacters else { return text }
        return String(text.prefix(maximumCharacters - 1)) + "…"
    }
}
