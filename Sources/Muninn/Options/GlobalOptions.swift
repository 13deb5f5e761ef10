import ArgumentParser
import Foundation
import Logging

/// Options every command that talks to a cluster shares. Flags win over `MUNINN_*` environment
/// variables, which win over the `--config` file, which wins over defaults.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Muninn's YAML configuration file.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Path of a kubeconfig (default: KUBECONFIG, ~/.kube/config, then the in-cluster service account).", valueName: "file"))
    var kubeconfig: String?

    @Option(name: .long, help: ArgumentHelp("The kubeconfig context to use instead of its current-context.", valueName: "name"))
    var context: String?

    @Option(name: .long, help: ArgumentHelp("A name for this cluster, shown in every alert.", valueName: "name"))
    var clusterName: String?

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Watch only this namespace (repeat for several; default: all).", valueName: "namespace"))
    var namespace: [String] = []

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel: String?

    @Option(name: .long, help: ArgumentHelp("Log format: text, json, or auto (the default: text on a terminal, JSON otherwise).", valueName: "format"))
    var logFormat: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A kwatchman configuration file (TOML, YAML or JSON) for the change watch, read unchanged (also KW_CONFIG_FILE).", valueName: "file"))
    var kwatchmanConfig: String?

    /// The effective configuration: the replaced tools' variables, then the file, then `MUNINN_*`
    /// variables, then flags.
    func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MuninnConfiguration {
        var configuration = MuninnConfiguration()
        try configuration.applySeedEnvironment(environment)
        try configuration.applyKwatchmanEnvironment(environment)
        // The kwatchman file first, so the YAML's `changes:` block is merged with it (the flag names it over the variable).
        if let kwatchmanConfig {
            try configuration.loadKwatchmanFile(kwatchmanConfig, namedBy: "--kwatchman-config")
        } else if let file = configuration.kwatchman.configFile {
            try configuration.loadKwatchmanFile(file, namedBy: "KW_CONFIG_FILE")
        }
        if let config { configuration = try MuninnConfiguration.load(file: config, over: configuration) }
        try configuration.applyEnvironment(environment)
        if let kubeconfig { configuration.kubeconfig = kubeconfig }
        if let context { configuration.context = context }
        if let clusterName { configuration.clusterName = clusterName }
        if !namespace.isEmpty { configuration.namespaces = namespace }
        configuration.scopeKwatchmanResources()
        if let logLevel {
            guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
                throw ValidationError("--log-level: unknown level '\(logLevel)' (allowed: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            configuration.logLevel = level
        }
        if let logFormat {
            guard let format = MuninnConfiguration.LogFormat(rawValue: logFormat.lowercased()) else {
                throw ValidationError("--log-format: unknown format '\(logFormat)' (allowed: text, json, auto)")
            }
            configuration.logFormat = format
        }
        return configuration
    }
}
