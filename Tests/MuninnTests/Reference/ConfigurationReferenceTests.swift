import ArgumentParser
import Foundation
import Testing

@testable import Muninn

/// The configuration reference follows the parsers: every mapping the YAML parser reads is probed with an
/// unknown key, and the keys its error says it accepts must be exactly the catalogue's keys for that mapping.
/// So a key parsed but not in the catalogue fails, and so does a catalogued key the parser refuses.
@Suite struct ConfigurationReferenceTests {
    /// A mapping of the YAML file and a minimal document that reaches it with the unknown key `zzzUnknown`.
    struct Probe: CustomStringConvertible, Sendable {
        var path: String
        var destinationType: String?
        var yaml: String
        var description: String { destinationType.map { "\(path) (type \($0))" } ?? (path.isEmpty ? "<top level>" : path) }
    }

    static let unknown = "zzzUnknown: 1"

    static let probes: [Probe] = {
        var probes = [
            Probe(path: "", yaml: unknown),
            Probe(path: "cluster", yaml: "cluster: {\(unknown)}"),
            Probe(path: "kubernetes", yaml: "kubernetes: {\(unknown)}"),
            Probe(path: "watch", yaml: "watch: {\(unknown)}"),
            Probe(path: "log", yaml: "log: {\(unknown)}"),
            Probe(path: "alerts", yaml: "alerts: {\(unknown)}"),
            Probe(path: "alerts.flood", yaml: "alerts: {flood: {\(unknown)}}"),
            Probe(path: "alerts.threading", yaml: "alerts: {threading: {\(unknown)}}"),
            Probe(path: "alerts.logs", yaml: "alerts: {logs: {\(unknown)}}"),
            Probe(path: "store", yaml: "store: {\(unknown)}"),
            Probe(path: "store.retention", yaml: "store: {retention: {\(unknown)}}"),
            Probe(path: "delivery", yaml: "delivery: {\(unknown)}"),
            Probe(path: "delivery.retry", yaml: "delivery: {retry: {\(unknown)}}"),
            Probe(path: "dashboard", yaml: "dashboard: {\(unknown)}"),
            Probe(path: "dashboard.auth", yaml: "dashboard: {auth: {\(unknown)}}"),
            Probe(path: "dashboard.auth.basicAuth", yaml: "dashboard: {auth: {basicAuth: {\(unknown)}}}"),
            Probe(path: "leaderElection", yaml: "leaderElection: {\(unknown)}"),
            Probe(path: "namespaces", yaml: "namespaces: {\(unknown)}"),
            Probe(path: "mutes[]", yaml: "mutes: [{\(unknown)}]"),
            Probe(path: "routes[]", yaml: "routes: [{\(unknown)}]"),
            Probe(path: "routes[].match", yaml: "routes: [{destinations: [console], match: {\(unknown)}}]"),
            Probe(path: "routes[].match.workload", yaml: "routes: [{destinations: [console], match: {workload: {\(unknown)}}}]"),
            Probe(path: "routes[].destinations[]", yaml: "routes: [{destinations: [{\(unknown)}]}]"),
            Probe(path: "containerRoutes", yaml: "containerRoutes: {\(unknown)}"),
            Probe(path: "changes", yaml: "changes: {\(unknown)}"),
            Probe(path: "changes.resources[]", yaml: "changes: {resources: [{\(unknown)}]}"),
            Probe(path: "changes.chain[]", yaml: "changes: {resources: [deployments], chain: [zzzUnknown]}"),
            Probe(path: "changes.chain[].diff", yaml: "changes: {resources: [deployments], chain: [{diff: {\(unknown)}}]}"),
            Probe(path: "changes.chain[].slack", yaml: "changes: {resources: [deployments], chain: [{slack: {\(unknown)}}]}"),
            Probe(path: "changes.chain[].webhook", yaml: "changes: {resources: [deployments], chain: [{webhook: {\(unknown)}}]}"),
            Probe(path: "changes.chain[].exec", yaml: "changes: {resources: [deployments], chain: [{exec: {\(unknown)}}]}"),
        ]
        for type in ConfigurationKeys.destinationTypes {
            probes.append(Probe(path: "destinations.<name>", destinationType: type, yaml: "destinations: {d: {type: \(type), \(unknown)}}"))
        }
        return probes
    }()

    /// The list after `(allowed: ` in the parser's error.
    static func allowedKeys(of probe: Probe) throws -> [String] {
        do {
            _ = try MuninnConfiguration.parse(probe.yaml, file: "probe.yaml")
        } catch let error as ConfigurationError {
            let message = error.message
            guard let start = message.range(of: "(allowed: ", options: .backwards), message.hasSuffix(")") else {
                Issue.record("\(probe): the parser's error does not list the allowed keys: \(error)")
                return []
            }
            return message[start.upperBound..<message.index(before: message.endIndex)].components(separatedBy: ", ")
        }
        Issue.record("\(probe): the parser accepted an unknown key")
        return []
    }

    @Test(arguments: probes)
    func parserAndCatalogueAgree(_ probe: Probe) throws {
        let parsed = Set(try Self.allowedKeys(of: probe))
        let documented = Set(ConfigurationKeys.children(of: probe.path, destinationType: probe.destinationType).map(\.name))
        #expect(parsed.subtracting(documented).sorted() == [], "\(probe): parsed but not in ConfigurationKeys (so not in docs/configuration.md)")
        #expect(documented.subtracting(parsed).sorted() == [], "\(probe): in ConfigurationKeys but not accepted by the parser")
    }

    @Test func everyCatalogueMappingIsProbed() {
        // A key with children is a mapping; each one must be compared with its parser above.
        let probed = Set(Self.probes.map(\.path))
        let parents = Set(ConfigurationKeys.all.map(\.parent))
        #expect(parents.subtracting(probed).sorted() == [])
        #expect(Set(ConfigurationKeys.destinationTypes) == Set(DestinationConfiguration.Kind.allCases.map(\.rawValue)))
    }

    @Test func catalogueHasNoDuplicates() {
        var seen: Set<String> = []
        for key in ConfigurationKeys.all {
            let types = key.destinationTypes.isEmpty ? [""] : key.destinationTypes
            for type in types {
                #expect(seen.insert("\(key.path) \(type)").inserted, "\(key.path) is listed twice for type '\(type)'")
            }
            #expect(!key.summary.isEmpty, "\(key.path) has no description")
        }
    }

    @Test func docsMatchTheCatalogue() throws {
        let document = try String(contentsOf: Self.repository.appendingPathComponent("docs/configuration.md"), encoding: .utf8)
        let block = try #require(ConfigurationReference.block(in: document), "docs/configuration.md has no generated reference block")
        #expect(block == ConfigurationReference.markdown(), "docs/configuration.md is stale: run `swift run muninn config-reference --update docs/configuration.md`")
    }

    @Test func everyEnvironmentVariableReadIsDocumented() throws {
        let documented = Set(EnvironmentVariables.all.map(\.name))
        let read = Set(SeedEnvironment.variables + KwatchmanEnvironment.variables + (try Self.muninnVariablesInSources()))
        #expect(read.subtracting(documented).sorted() == [], "read but not in EnvironmentVariables")
        let readElsewhere: Set<String> = ["KUBECONFIG", "POD_NAME", "POD_NAMESPACE"]
        #expect(documented.subtracting(read).subtracting(readElsewhere).sorted() == [], "documented but not read")
        // A key's variables are listed in the variable table too.
        let named = Set(ConfigurationKeys.all.flatMap(\.environment))
        #expect(named.subtracting(documented).sorted() == [])
    }

    @Test func muninnVariablesChangeWhatTheyDocument() throws {
        let base = try GlobalOptions.parse([]).resolve(environment: [:])
        let examples: [String: String] = [
            "MUNINN_CLUSTER_NAME": "prod", "MUNINN_NAMESPACES": "a,b", "MUNINN_LOG_LEVEL": "debug", "MUNINN_LOG_FORMAT": "json",
            "MUNINN_STORE_PATH": "/var/lib/muninn/muninn.db", "MUNINN_STORE_DSN": "postgres://muninn:pw@db:5432/muninn",
            "MUNINN_LEADER_ELECTION": "true",
        ]
        #expect(Set(examples.keys) == Set(EnvironmentVariables.muninn.map(\.name)))
        for (name, value) in examples {
            let configuration = try GlobalOptions.parse([]).resolve(environment: [name: value])
            #expect(configuration != base, "\(name)=\(value) changed nothing")
        }
    }

    @Test func commandUpdatesOnlyTheGeneratedBlock() throws {
        let document = "# Title\n\nprose\n\n\(ConfigurationReference.beginMarker)\nold\n\(ConfigurationReference.endMarker)\n\nmore prose\n"
        let updated = try #require(ConfigurationReference.updating(document))
        #expect(updated.hasPrefix("# Title\n\nprose\n\n\(ConfigurationReference.beginMarker)\n"))
        #expect(updated.hasSuffix("\(ConfigurationReference.endMarker)\n\nmore prose\n"))
        #expect(updated.contains("| `cluster.name` | `default` | `MUNINN_CLUSTER_NAME`, `CLUSTER_NAME` |"))
        #expect(ConfigurationReference.updating("no markers") == nil)
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `MUNINN_*` names the configuration code reads, found in its source.
    static func muninnVariablesInSources() throws -> [String] {
        let directory = repository.appendingPathComponent("Sources/Muninn/Configuration")
        let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        var names: Set<String> = []
        let pattern = try Regex("\"(MUNINN_[A-Z_]+)\"")
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift", !url.path.contains("/Reference/") else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in text.matches(of: pattern) {
                if let name = match.output[1].substring { names.insert(String(name)) }
            }
        }
        return names.sorted()
    }
}
