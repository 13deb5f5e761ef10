/// A credential (token, webhook URL, signing secret) and where it came from. Its description never
/// shows the value, so printing a configuration cannot leak it; ``summary`` says where it was set.
struct SecretValue: Equatable, CustomStringConvertible {
    enum Source: Equatable {
        /// Written in the configuration file.
        case inline
        /// Read (and trimmed) from this file at load time.
        case file(String)
        /// Read from this environment variable.
        case environment(String)
    }

    var value: String
    var source: Source

    var description: String { "<secret>" }

    /// For `check-config`: `set (inline)`, `set (from file /x)`, `set (from SLACK_TOKEN)`.
    var summary: String {
        switch source {
        case .inline: "set (inline)"
        case .file(let path): "set (from file \(path))"
        case .environment(let name): "set (from \(name))"
        }
    }
}
