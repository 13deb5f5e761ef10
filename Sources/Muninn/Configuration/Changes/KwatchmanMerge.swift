import Foundation
import MuninnCore

/// A kwatchman file named outside the YAML (`KW_CONFIG_FILE`, `--kwatchman-config`) together with the YAML's own
/// `changes:` block: both apply, as a user moving from kwatchman expects (the deployment keeps its variable, the
/// YAML adds to it).
///
/// - `attempts`, `crashLinkWindow` and `drainTimeout` of the YAML apply to the file's watches.
/// - `resources` of the YAML are watched beside the file's; without a `chain` they run through the file's handlers.
/// - Conflicts are errors naming both places: a `chain` different from the file's handlers (the change watch runs
///   one chain for every resource), a resource both name differently scoped, or `kwatchmanConfig` naming another file.
enum KwatchmanMerge {
    /// The kwatchman file already loaded (and scoped by `KW_NAMESPACE`/`KW_LABEL_SELECTOR`), and which setting named it.
    struct OutsideFile {
        var configuration: ChangeWatchConfiguration
        var path: String
        var namedBy: String

        init?(configuration: ChangeWatchConfiguration, namedBy: String?) {
            guard case .kwatchman(let path) = configuration.source, let namedBy else { return nil }
            self.configuration = configuration
            self.path = path
            self.namedBy = namedBy
        }

        /// "the kwatchman file /etc/kw/config.toml (KW_CONFIG_FILE)"
        var description: String { "the kwatchman file \(path) (\(namedBy))" }
    }

    /// `changes.kwatchmanConfig` naming `path`: the same file is read once; another one is an error.
    static func sameFile(_ path: String, as outside: OutsideFile, node: YAMLConfigNode) throws -> ChangeWatchConfiguration {
        guard canonical(path) == canonical(outside.path) else {
            throw node.error("names the kwatchman file \(path), and \(outside.namedBy) names another, \(outside.path): give one kwatchman file")
        }
        return outside.configuration
    }

    /// The YAML's resources (and chain, when given) merged with the file's.
    static func merge(
        resources: [WatchedResource], resourcesNode: YAMLConfigNode, chain: [ChangeHandlerSpec]?, chainNode: YAMLConfigNode?,
        secretSources: [Int: [String]], file: String, with outside: OutsideFile
    ) throws -> ChangeWatchConfiguration {
        var merged = outside.configuration
        merged.source = .merged(yaml: file, kwatchman: outside.path)
        if let chain, let chainNode, chain != outside.configuration.settings.chain {
            throw chainNode.error(
                "differs from the handlers of \(outside.description); the change watch runs one chain for every resource: "
                    + "leave chain out to run the file's handlers for these resources too, or move the file's resources here")
        }
        if chain != nil { merged.secretSources = secretSources }
        for resource in resources {
            let key = resource.name.lowercased()
            if let existing = merged.settings.resources.first(where: { $0.name.lowercased() == key }) {
                guard existing == resource else {
                    throw resourcesNode.error("\(resource.name) is also watched by \(outside.description), differently scoped: watch it in one place")
                }
                continue
            }
            merged.settings.resources.append(resource)
        }
        return merged
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
