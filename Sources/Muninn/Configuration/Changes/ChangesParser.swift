import Foundation
import MuninnCore

/// Reads `changes:` of Muninn's YAML (docs/changes.md): the resources to watch, the handler chain, retries and
/// the crash-link window, or `kwatchmanConfig:` naming a kwatchman file to read instead of `resources`/`chain`.
struct ChangesParser {
    var secrets: SecretReader
    /// Names of the configured destinations, which a `destination:` step must name.
    var destinations: [String]

    static let keys = ["resources", "chain", "attempts", "crashLinkWindow", "drainTimeout", "kwatchmanConfig"]
    static let resourceKeys = ["name", "namespaces", "labelSelector", "ignorePaths", "honourAnnotation"]
    static let stepNames = ["diff", "log", "ignoreEvents", "slack", "webhook", "exec", "destination"]

    /// - Parameter outside: a kwatchman file named outside the YAML (`KW_CONFIG_FILE`, `--kwatchman-config`), which
    ///   this block is merged with (``KwatchmanMerge``); then `resources` may be left out (the block only sets
    ///   `attempts`, `crashLinkWindow` and `drainTimeout` of the file's watches).
    func parse(_ node: YAMLConfigNode, file: String, beside outside: KwatchmanMerge.OutsideFile? = nil) throws -> ChangeWatchConfiguration {
        let members = try node.mapping(allowedKeys: Self.keys)
        var configuration: ChangeWatchConfiguration
        if let pathNode = members["kwatchmanConfig"] {
            for key in ["resources", "chain"] where members[key] != nil {
                throw pathNode.error("give either kwatchmanConfig or resources and chain, not both")
            }
            let path = secrets.resolve(try pathNode.nonEmptyString())
            if let outside {
                configuration = try KwatchmanMerge.sameFile(path, as: outside, node: pathNode)
            } else {
                do {
                    configuration = try KwatchmanConfigParser.load(file: path)
                } catch let error as ConfigurationError {
                    throw ConfigurationError(file: error.file, line: error.line, key: error.key, message: error.message + " (named by \(file): changes.kwatchmanConfig)")
                }
            }
        } else if let resourcesNode = members["resources"] {
            let resources = try resourcesNode.elements().map(resource)
            if resources.isEmpty { throw resourcesNode.error("no resources: name at least one kind to watch") }
            var chain: [ChangeHandlerSpec]?
            var secretSources: [Int: [String]] = [:]
            if let chainNode = members["chain"] {
                var steps: [ChangeHandlerSpec] = []
                for (index, step) in try chainNode.elements().enumerated() {
                    let (spec, secretLines) = try handler(step)
                    steps.append(spec)
                    if !secretLines.isEmpty { secretSources[index] = secretLines }
                }
                chain = steps
            }
            if let outside {
                configuration = try KwatchmanMerge.merge(
                    resources: resources, resourcesNode: resourcesNode, chain: chain, chainNode: members["chain"], secretSources: secretSources,
                    file: file, with: outside)
            } else {
                // Without a chain, the useful default: only real changes, logged.
                configuration = ChangeWatchConfiguration(
                    settings: ChangeWatchSettings(resources: resources, chain: chain ?? [.diff(extraIgnoredPaths: []), .log]), source: .yaml(file: file),
                    secretSources: secretSources)
            }
        } else if let outside, members["chain"] == nil {
            // Only settings: they apply to the kwatchman file's watches.
            configuration = outside.configuration
        } else {
            guard let outside else { throw node.error("missing resources (the kinds to watch) or kwatchmanConfig") }
            throw node.error("missing resources (the kinds to watch beside \(outside.description), which a chain would apply to)")
        }
        if let node = members["attempts"] { configuration.settings.attempts = try node.int(in: 1...20) }
        if let node = members["crashLinkWindow"] {
            let window = try node.optionalDuration()
            configuration.settings.crashLinkWindowSeconds = window.map { Int($0.components.seconds) } ?? 0
        }
        if let node = members["drainTimeout"] {
            // off: a shutdown cuts a chain in flight at once (its change comes back at the next start).
            configuration.settings.drainTimeoutSeconds = try node.optionalDuration().map { Int($0.components.seconds) } ?? 0
        }
        return configuration
    }

    private func resource(_ node: YAMLConfigNode) throws -> WatchedResource {
        if !node.isMapping {
            return WatchedResource(name: try Self.resourceName(node))
        }
        let members = try node.mapping(allowedKeys: Self.resourceKeys)
        guard let nameNode = members["name"] else { throw node.error("missing name (a kind such as deployments, configmaps or apps/v1/deployments)") }
        var resource = WatchedResource(name: try Self.resourceName(nameNode))
        if let namespaces = members["namespaces"] {
            let items = try namespaces.stringOrList()
            for name in items where !SeedEnvironment.isNamespaceName(name) {
                throw namespaces.error("'\(name)' is not a valid namespace name")
            }
            resource.namespaces = items
        }
        resource.labelSelector = try members["labelSelector"]?.nonEmptyString()
        if let paths = members["ignorePaths"] { resource.policy.ignoredPaths = try Self.paths(paths) }
        if let honour = members["honourAnnotation"] { resource.policy.honoursAnnotation = try honour.bool() }
        return resource
    }

    static func resourceName(_ node: YAMLConfigNode) throws -> String {
        let name = try node.nonEmptyString()
        if let problem = KnownResources.problem(in: name) { throw node.error(problem) }
        return name
    }

    static func paths(_ node: YAMLConfigNode) throws -> [String] {
        let items = try node.stringOrList()
        for path in items {
            if let problem = DiffPolicy.problem(inPath: path) { throw node.error(problem) }
        }
        return items
    }

    /// One chain step: `diff`, `log`, or a one-key mapping (`ignoreEvents: [Add]`, `slack: {...}`).
    private func handler(_ node: YAMLConfigNode) throws -> (ChangeHandlerSpec, [String]) {
        if !node.isMapping {
            let name = try node.string()
            switch name {
            case "diff": return (.diff(extraIgnoredPaths: []), [])
            case "log": return (.log, [])
            default:
                if Self.stepNames.contains(name) { throw node.error("'\(name)' needs settings: write it as '\(name): ...'") }
                throw node.error(Self.unknownStep(name))
            }
        }
        let entries = try node.entries()
        guard entries.count == 1, let entry = entries.first else {
            throw node.error("each chain step is one handler: diff, log, ignoreEvents: [...], slack: {...}, webhook: {...}, exec: {...} or destination: NAME")
        }
        let (name, keyLine, value) = entry
        switch name {
        case "diff":
            let members = try value.mapping(allowedKeys: ["ignorePaths"])
            return (.diff(extraIgnoredPaths: try members["ignorePaths"].map(Self.paths) ?? []), [])
        case "log":
            guard value.isNull else { throw value.error("log takes no settings") }
            return (.log, [])
        case "ignoreEvents":
            return (.ignoreEvents(try Self.events(value)), [])
        case "slack":
            return try slack(value)
        case "webhook":
            let members = try value.mapping(allowedKeys: ["url", "urlFile", "secret", "secretFile"])
            guard let url = try secrets.secret("url", in: members, owner: value, required: true) else { throw value.error("missing url") }
            guard DestinationsParser.isHTTPURL(url.value) else { throw (members["url"] ?? members["urlFile"] ?? value).error("expected an http:// or https:// URL") }
            let secret = try secrets.secret("secret", in: members, owner: value, required: false)
            var sources = ["\(value.path).url: \(url.summary)"]
            if let secret { sources.append("\(value.path).secret: \(secret.summary)") }
            return (.webhook(url: url.value, secret: secret?.value), sources)
        case "exec":
            let members = try value.mapping(allowedKeys: ["command", "timeout"])
            guard let commandNode = members["command"] else { throw value.error("missing command (a list: the program and its arguments)") }
            let command = try commandNode.stringOrList()
            guard let program = command.first, !program.isEmpty else { throw commandNode.error("must name a program") }
            var timeout = 10
            if let node = members["timeout"] {
                let duration = try node.duration()
                timeout = Int(duration.components.seconds)
                guard (1...3600).contains(timeout) else { throw node.error("must be between 1s and 1h") }
            }
            return (.exec(command: command, timeoutSeconds: timeout), [])
        case "destination":
            let target = try value.nonEmptyString()
            guard destinations.contains(target) else {
                throw value.error("no destination named '\(target)' (configured: \(destinations.joined(separator: ", ")))")
            }
            return (.destination(name: target), [])
        default:
            throw node.error(Self.unknownStep(name), key: name, keyLine: keyLine)
        }
    }

    private func slack(_ node: YAMLConfigNode) throws -> (ChangeHandlerSpec, [String]) {
        let members = try node.mapping(allowedKeys: ["webhookURL", "webhookURLFile", "token", "tokenFile", "channel", "clusterName"])
        let webhook = try secrets.secret("webhookURL", in: members, owner: node, required: false)
        let token = try secrets.secret("token", in: members, owner: node, required: false)
        var sources: [String] = []
        switch (webhook, token) {
        case (nil, nil): throw node.error("missing webhookURL (an incoming webhook) or token and channel (a bot)")
        case (_?, _?): throw node.error("give either webhookURL or token, not both")
        case (let url?, nil):
            guard DestinationsParser.isHTTPURL(url.value) else {
                throw (members["webhookURL"] ?? members["webhookURLFile"] ?? node).error("expected an http:// or https:// URL")
            }
            if members["channel"] != nil { throw node.error("channel needs a bot token; an incoming webhook posts to its own channel") }
            sources.append("\(node.path).webhookURL: \(url.summary)")
        case (nil, let token?):
            guard members["channel"] != nil else { throw node.error("a bot token needs a channel") }
            sources.append("\(node.path).token: \(token.summary)")
        }
        let target = SlackChangeTarget(
            webhookURL: webhook?.value, token: token?.value, channel: try members["channel"]?.nonEmptyString(),
            clusterName: try members["clusterName"]?.nonEmptyString())
        return (.slack(target), sources)
    }

    /// `Add`, `Update`, `Delete`: exact and case-sensitive, as kwatchman matches them, but a near miss is an error.
    static func events(_ node: YAMLConfigNode) throws -> Set<ChangeAction> {
        var actions: Set<ChangeAction> = []
        for item in try node.isSequence ? node.elements() : [node] {
            let name = try item.string()
            guard let action = ChangeAction(rawValue: name) else {
                let allowed = ChangeAction.allCases.map(\.rawValue)
                let hint = YAMLConfigNode.closest(to: name, in: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw item.error("unknown event '\(name)'\(hint) (allowed: \(allowed.joined(separator: ", ")))")
            }
            actions.insert(action)
        }
        return actions
    }

    static func unknownStep(_ name: String) -> String {
        let hint = YAMLConfigNode.closest(to: name, in: stepNames).map { "; did you mean '\($0)'?" } ?? ""
        return "unknown handler '\(name)'\(hint) (allowed: \(stepNames.joined(separator: ", ")))"
    }
}
