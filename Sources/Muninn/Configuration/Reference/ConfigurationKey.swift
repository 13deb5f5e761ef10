/// One setting of Muninn's YAML configuration as the reference in docs/configuration.md lists it. The catalogue
/// (`ConfigurationKeys.all`) is checked against what the parsers accept by `ConfigurationReferenceTests`, so a key
/// cannot be parsed without being documented, nor documented without being parsed.
struct ConfigurationKey: Equatable, Sendable {
    /// Where it is written: mapping keys joined by dots, `[]` for the items of a list (`routes[].name`), `<name>` for
    /// a key the user chooses (`destinations.<name>.token`).
    var path: String
    /// The value when the key is absent, as a reader would write it.
    var defaultValue: String
    /// Whether the value is a credential: never printed, and also accepted as `<key>File` where the parser allows it.
    var isSecret: Bool
    /// One line saying what it does.
    var summary: String
    /// Environment variables that set it too (`MUNINN_*` and the replaced tools' variables).
    var environment: [String]
    /// For `destinations.<name>.*`: the destination types (`type:`) that accept it; empty for every other key and
    /// for the keys every destination has (`name`, `type`).
    var destinationTypes: [String]

    init(
        _ path: String, default defaultValue: String = "", secret isSecret: Bool = false, environment: [String] = [], types: [String] = [],
        _ summary: String
    ) {
        self.path = path
        self.defaultValue = defaultValue
        self.isSecret = isSecret
        self.summary = summary
        self.environment = environment
        self.destinationTypes = types
    }

    /// The mapping this key belongs to: `store.retention` for `store.retention.maxAge`, `""` for top-level keys.
    var parent: String {
        guard let dot = path.lastIndex(of: ".") else { return "" }
        return String(path[..<dot])
    }

    /// The last component: what the parser's allowed-key list names.
    var name: String {
        guard let dot = path.lastIndex(of: ".") else { return path }
        return String(path[path.index(after: dot)...])
    }

    /// A secret and its `<key>File` form, as `SecretReader` reads them: either, not both.
    static func secretPair(
        _ path: String, environment: [String] = [], types: [String] = [], required: Bool = true, _ summary: String
    ) -> [ConfigurationKey] {
        let key = path.split(separator: ".").last.map(String.init) ?? path
        return [
            ConfigurationKey(path, default: required ? "required (or \(key)File)" : "", secret: true, environment: environment, types: types, summary),
            ConfigurationKey(path + "File", secret: true, types: types, "path of a file holding `\(key)` (a mounted Secret), read once and trimmed"),
        ]
    }
}
