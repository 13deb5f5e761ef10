import Foundation
import MuninnCore

/// kwatchman's environment variables, read so its deployments work unchanged: `KW_CONFIG_FILE` (its
/// configuration file, read as ``KwatchmanConfigParser`` reads it), `KW_NAMESPACE` (one namespace for every
/// resource of that file), `KW_LABEL_SELECTOR` (one selector for all of them) and `KW_KUBECONFIG`.
///
/// kwatchman falls back to `$PWD/config.toml` when `KW_CONFIG_FILE` is unset; Muninn does not read a file nobody
/// named, so a kwatchman deployment that relied on the default sets `KW_CONFIG_FILE=config.toml`.
struct KwatchmanEnvironment: Equatable {
    var configFile: String?
    var namespace: String?
    var labelSelector: String?
    var kubeconfig: String?

    static let variables = ["KW_CONFIG_FILE", "KW_NAMESPACE", "KW_LABEL_SELECTOR", "KW_KUBECONFIG"]

    init() {}

    init(_ environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        configFile = value("KW_CONFIG_FILE")
        namespace = value("KW_NAMESPACE")
        if let namespace, !SeedEnvironment.isNamespaceName(namespace) {
            throw ConfigurationError(file: "environment", line: nil, key: "KW_NAMESPACE", message: "'\(namespace)' is not a valid namespace name")
        }
        labelSelector = value("KW_LABEL_SELECTOR")
        kubeconfig = value("KW_KUBECONFIG")
    }

    var recognised: [String] {
        zip(Self.variables, [configFile, namespace, labelSelector, kubeconfig]).compactMap { $1 == nil ? nil : $0 }
    }

    /// Scopes every resource of a kwatchman file as kwatchman's flags do (one namespace, one selector for all).
    func scope(_ configuration: inout ChangeWatchConfiguration) {
        guard case .kwatchman = configuration.source else { return }
        for index in configuration.settings.resources.indices {
            if let namespace { configuration.settings.resources[index].namespaces = [namespace] }
            if let labelSelector { configuration.settings.resources[index].labelSelector = labelSelector }
        }
    }
}
