extension ConfigurationKeys {
    /// The message template keys of destinations (`template`, `templateFile`: a Mustache template replacing the
    /// text a destination sends). They belong here, one entry per key with the `types` that accept it, e.g.
    /// `ConfigurationKey("destinations.<name>.template", default: "built-in", types: [...], "...")`: the reference
    /// lists them under every destination type, and the reference test fails until every key the destinations
    /// parser accepts has its entry. Regenerate docs/configuration.md afterwards with
    /// `swift run muninn config-reference --update docs/configuration.md`.
    static let destinationTemplateKeys: [ConfigurationKey] = []
}
