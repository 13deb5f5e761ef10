import MuninnCore

/// The change watch as `muninn run` starts it: what to watch and the handler chain (``ChangeWatchSettings``),
/// and where that came from, for `check-config` and error messages. Secrets in the chain (webhook URLs, tokens)
/// are kept as values in the settings, so this type never prints them: see ``ChangeWatchSummary``.
struct ChangeWatchConfiguration: Equatable {
    enum Source: Equatable {
        /// Muninn's YAML, `changes:` with `resources:` and `chain:`.
        case yaml(file: String)
        /// A kwatchman configuration file (TOML, YAML or JSON), unchanged.
        case kwatchman(file: String)
        /// A kwatchman file named outside the YAML (`KW_CONFIG_FILE`, `--kwatchman-config`) and the YAML's own
        /// `changes.resources`, merged (``KwatchmanMerge``).
        case merged(yaml: String, kwatchman: String)
    }

    var settings: ChangeWatchSettings
    var source: Source
    /// Where each secret of the chain was set (`chain[3].slack.webhookURL: set (from file /x)`), by chain index.
    var secretSources: [Int: [String]] = [:]
}
