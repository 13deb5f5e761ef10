import Foundation
import MuninnCore

extension MuninnConfiguration {
    /// Reads `changes:` of the YAML file; the destinations must already be read (a chain step can name one).
    mutating func parseChanges(_ root: [String: YAMLConfigNode], file: String) throws {
        guard let node = root["changes"], !node.isNull else { return }
        let secrets = SecretReader(baseDirectory: file == "-" ? nil : URL(fileURLWithPath: file).deletingLastPathComponent().path)
        changes = try ChangesParser(secrets: secrets, destinations: destinations.map(\.name)).parse(node, file: file)
    }

    /// kwatchman's `KW_*` variables: its kubeconfig (below the file and flags, like the other tools' variables)
    /// and its configuration file.
    mutating func applyKwatchmanEnvironment(_ environment: [String: String]) throws {
        let kwatchman = try KwatchmanEnvironment(environment)
        self.kwatchman = kwatchman
        if let kubeconfig = kwatchman.kubeconfig { self.kubeconfig = kubeconfig }
        if let file = kwatchman.configFile { changes = try KwatchmanConfigParser.load(file: file) }
    }

    /// Loads the kwatchman file named on the command line (`--kwatchman-config`), over any `changes:` of the YAML.
    mutating func loadKwatchmanConfig(_ file: String) throws {
        var loaded = try KwatchmanConfigParser.load(file: file)
        if let existing = changes {
            // The YAML may still set retries and the crash-link window around a kwatchman file.
            loaded.settings.attempts = existing.settings.attempts
            loaded.settings.crashLinkWindowSeconds = existing.settings.crashLinkWindowSeconds
            loaded.settings.drainTimeoutSeconds = existing.settings.drainTimeoutSeconds
        }
        changes = loaded
    }

    /// kwatchman's namespace and selector variables, applied last to whichever kwatchman file was read.
    mutating func scopeKwatchmanResources() {
        guard var changes else { return }
        kwatchman.scope(&changes)
        self.changes = changes
    }
}
