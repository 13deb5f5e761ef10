import Foundation
import KubeJSON
import MuninnCore

/// Reads kwatchman's configuration file unchanged (`[[resource]] kind = ...`, `[[handler]] name = ...`; see
/// docs/changes.md) into the change watch's settings.
///
/// As kwatchman (viper) does: keys are case-insensitive, values case-sensitive, handlers run in file order, and
/// a missing `resource` or `handler` array is `malformed {path} config file`. Unlike kwatchman, which ignores
/// them silently, an unknown key, an unknown handler name, an unknown event name and a misspelt kind are errors
/// naming the table (`handler[2].name`) and its line; kinds resolve as kubectl resolves them, so `Deployment` and
/// `deploy` work, and kinds kwatchman never supported (configmaps, secrets, CRDs) can be watched.
enum KwatchmanConfigParser {
    static let handlerNames = ["diff", "log", "ignoreEvents", "slack"]
    static let handlerKeys: [String: [String]] = [
        "diff": ["name"], "log": ["name"], "ignoreEvents": ["name", "events"], "slack": ["name", "webhookURL", "clusterName"],
    ]

    static func load(file: String) throws -> ChangeWatchConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            throw ConfigurationError(file: file, line: nil, key: nil, message: "cannot read the kwatchman config file (\(error.localizedDescription))")
        }
        return try parse(text, file: file)
    }

    static func parse(_ text: String, file: String) throws -> ChangeWatchConfiguration {
        let document = try KwatchmanDocument.parse(text, file: file)
        guard case .object(let root) = document else {
            throw ConfigurationError(file: file, line: nil, key: nil, message: "malformed \(file) config file: expected [[resource]] and [[handler]] tables")
        }
        let members = try lowercasedKeys(root, allowed: ["resource", "handler"], file: file, path: "", line: nil)
        func malformed(_ missing: String) -> ConfigurationError {
            ConfigurationError(file: file, line: nil, key: nil, message: "malformed \(file) config file: no [[\(missing)]] tables (kwatchman needs both resource and handler)")
        }
        guard let resourceValue = members["resource"] else { throw malformed("resource") }
        guard let handlerValue = members["handler"] else { throw malformed("handler") }

        var settings = ChangeWatchSettings()
        for (index, table) in try tables(resourceValue, name: "resource", file: file, text: text).enumerated() {
            let line = KwatchmanDocument.headerLine("resource", index: index, in: text)
            let path = "resource[\(index)]"
            let keys = try lowercasedKeys(table, allowed: ["kind"], file: file, path: path, line: line)
            guard let kindValue = keys["kind"] else {
                throw ConfigurationError(file: file, line: line, key: path, message: "missing kind (deployment, service, statefulset, daemonset, ingress, ...)")
            }
            guard let kind = kindValue.stringValue else {
                throw ConfigurationError(file: file, line: line, key: "\(path).kind", message: "expected a string")
            }
            if let problem = KnownResources.problem(in: kind) {
                throw ConfigurationError(file: file, line: line, key: "\(path).kind", message: problem)
            }
            settings.resources.append(WatchedResource(name: kind))
        }
        var secretSources: [Int: [String]] = [:]
        for (index, table) in try tables(handlerValue, name: "handler", file: file, text: text).enumerated() {
            let line = KwatchmanDocument.headerLine("handler", index: index, in: text)
            let path = "handler[\(index)]"
            func fail(_ key: String?, _ message: String) -> ConfigurationError {
                ConfigurationError(file: file, line: line, key: key.map { "\(path).\($0)" } ?? path, message: message)
            }
            guard let nameValue = table.first(where: { $0.key.lowercased() == "name" })?.value else {
                throw fail(nil, "missing name (one of: \(handlerNames.joined(separator: ", ")))")
            }
            guard let name = nameValue.stringValue else { throw fail("name", "expected a string") }
            guard let allowed = handlerKeys[name] else {
                let hint = YAMLConfigNode.closest(to: name, in: handlerNames).map { "; did you mean '\($0)'?" } ?? ""
                throw fail("name", "unknown handler '\(name)'\(hint) (kwatchman handlers: \(handlerNames.joined(separator: ", ")); names are case-sensitive)")
            }
            let keys = try lowercasedKeys(table, allowed: allowed, file: file, path: path, line: line)
            switch name {
            case "diff": settings.chain.append(.diff(extraIgnoredPaths: []))
            case "log": settings.chain.append(.log)
            case "ignoreEvents":
                guard let events = keys["events"]?.arrayValue else { throw fail("events", "expected a list such as [\"Add\", \"Delete\"]") }
                var actions: Set<ChangeAction> = []
                for event in events {
                    let text = event.stringValue ?? event.serializedString()
                    guard let action = ChangeAction(rawValue: text) else {
                        let names = ChangeAction.allCases.map(\.rawValue)
                        let hint = YAMLConfigNode.closest(to: text, in: names).map { "; did you mean '\($0)'?" } ?? ""
                        throw fail("events", "unknown event '\(text)'\(hint) (allowed: \(names.joined(separator: ", ")); case-sensitive)")
                    }
                    actions.insert(action)
                }
                settings.chain.append(.ignoreEvents(actions))
            default:
                guard let url = keys["webhookurl"]?.stringValue, !url.isEmpty else { throw fail("webhookURL", "missing: the Slack incoming webhook URL") }
                guard DestinationsParser.isHTTPURL(url) else { throw fail("webhookURL", "expected an http:// or https:// URL") }
                let cluster = keys["clustername"].flatMap(\.stringValue)
                if keys["clustername"] != nil, cluster == nil { throw fail("clusterName", "expected a string") }
                settings.chain.append(.slack(SlackChangeTarget(webhookURL: url, clusterName: cluster)))
                secretSources[settings.chain.count - 1] = ["\(path).webhookURL: set (in \(file))"]
            }
        }
        return ChangeWatchConfiguration(settings: settings, source: .kwatchman(file: file), secretSources: secretSources)
    }

    /// The tables of an array of tables; one table alone is accepted too (YAML and JSON may write it so).
    private static func tables(_ value: JSONValue, name: String, file: String, text: String) throws -> [JSONObject] {
        switch value {
        case .object(let table): return [table]
        case .array(let items):
            return try items.enumerated().map { index, item in
                guard case .object(let table) = item else {
                    throw ConfigurationError(
                        file: file, line: KwatchmanDocument.headerLine(name, index: index, in: text), key: "\(name)[\(index)]",
                        message: "expected a table ([[\(name)]])")
                }
                return table
            }
        default:
            throw ConfigurationError(file: file, line: nil, key: name, message: "expected [[\(name)]] tables")
        }
    }

    /// The members with lower-cased keys (viper's rule), rejecting keys not in `allowed` and keys given twice in
    /// different cases.
    private static func lowercasedKeys(_ table: JSONObject, allowed: [String], file: String, path: String, line: Int?) throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for (key, value) in table {
            let lowered = key.lowercased()
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard allowed.contains(where: { $0.lowercased() == lowered }) else {
                var message = "unknown key"
                if let suggestion = YAMLConfigNode.closest(to: key, in: allowed) { message += "; did you mean '\(suggestion)'?" }
                message += " (allowed: \(allowed.joined(separator: ", ")))"
                throw ConfigurationError(file: file, line: line, key: keyPath, message: message)
            }
            guard result[lowered] == nil else { throw ConfigurationError(file: file, line: line, key: keyPath, message: "key appears twice") }
            result[lowered] = value
        }
        return result
    }
}
