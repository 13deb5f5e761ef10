import Foundation
import MuninnCore

extension MuninnConfiguration {
    /// Reads `changes:` of the YAML file; the destinations must already be read (a chain step can name one).
    ///
    /// A kwatchman file named outside the YAML (`KW_CONFIG_FILE`, `--kwatchman-config`) is already in `changes`;
    /// the YAML's block is merged with it (``KwatchmanMerge``), never put in its place.
    mutating func parseChanges(_ root: [String: YAMLConfigNode], file: String) throws {
        guard let node = root["changes"], !node.isNull else { return }
        let secrets = SecretReader(baseDirectory: file == "-" ? nil : URL(fileURLWithPath: file).deletingLastPathComponent().path)
        let outside = changes.flatMap { changes in
            KwatchmanMerge.OutsideFile(configuration: changes, namedBy: kwatchmanFileOrigin(of: changes))
        }
        changes = try ChangesParser(secrets: secrets, destinations: destinations.map(\.name)).parse(node, file: file, beside: outside)
    }

    /// kwatchman's `KW_*` variables: its kubeconfig (below the file and flags, like the other tools' variables),
    /// the scope of its resources and the name of its file (read by ``loadKwatchmanFile(_:namedBy:)``).
    mutating func applyKwatchmanEnvironment(_ environment: [String: String]) throws {
        let kwatchman = try KwatchmanEnvironment(environment)
        self.kwatchman = kwatchman
        if let kubeconfig = kwatchman.kubeconfig { self.kubeconfig = kubeconfig }
    }

    /// Loads the kwatchman file named outside the YAML (`--kwatchman-config`, else `KW_CONFIG_FILE`), scoped by
    /// `KW_NAMESPACE` and `KW_LABEL_SELECTOR`. Call before the YAML is read: its `changes:` block is merged with it.
    mutating func loadKwatchmanFile(_ file: String, namedBy origin: String) throws {
        do {
            var loaded = try KwatchmanConfigParser.load(file: file)
            kwatchman.scope(&loaded)
            changes = loaded
        } catch let error as ConfigurationError {
            throw ConfigurationError(file: error.file, line: error.line, key: error.key, message: error.message + " (named by \(origin))")
        }
    }

    /// kwatchman's namespace and selector variables, applied last to whichever kwatchman file was read.
    mutating func scopeKwatchmanResources() {
        guard var changes else { return }
        kwatchman.scope(&changes)
        self.changes = changes
    }

    /// Which setting named the kwatchman file already loaded, for error messages.
    private func kwatchmanFileOrigin(of changes: ChangeWatchConfiguration) -> String? {
        guard case .kwatchman(let path) = changes.source else { return nil }
        return path == kwatchman.configFile ? "KW_CONFIG_FILE" : "--kwatchman-config"
    }
}
