import Foundation
import MuninnCore

extension MuninnConfiguration {
    /// Reads `destinations`, `routes`, `containerRoutes`, `mutes`, `namespaces`, `alerts`, `store` and
    /// `delivery`. A file that configures destinations replaces those (and the routing) the
    /// environment set up; a file with only routes routes to the environment's destinations.
    mutating func parseRouting(_ root: [String: YAMLConfigNode], file: String) throws {
        let secrets = SecretReader(baseDirectory: file == "-" ? nil : URL(fileURLWithPath: file).deletingLastPathComponent().path)
        var destinationNodes: [String: YAMLConfigNode] = [:]
        if let node = root["destinations"] {
            let parsed = try DestinationsParser(secrets: secrets).parse(node)
            destinations = parsed.map(\.destination)
            for (destination, entry) in parsed { destinationNodes[destination.name] = entry }
            routing.rules = []
            routing.containerRoutes = nil
            if destinations.isEmpty { throw node.error("no destinations: configure at least one (type: console prints alerts)") }
        }
        let byName = Dictionary(destinations.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let routes = RoutesParser(destinations: byName)
        if let node = root["routes"] { routing.rules = try routes.rules(node) }
        if let node = root["containerRoutes"] { routing.containerRoutes = try routes.containerRoutes(node) }
        if let node = root["mutes"] { routing.mutes = try RoutesParser.mutes(node) }
        if let node = root["namespaces"] {
            routing.namespaces = try RoutesParser.namespaces(node)
            let literal = routing.namespaces.include.map(\.text)
            // Names without wildcards can narrow the watch itself (one watch per namespace, less traffic).
            let watchNamespaces = try root["watch"].map { $0.isMapping ? try $0.entries().contains { $0.key == "namespaces" } : false } ?? false
            if !literal.isEmpty, literal.allSatisfy({ !$0.contains("*") && !$0.contains("?") }), !watchNamespaces {
                namespaces = literal
            }
        }
        if let node = root["alerts"] { alerts = try SettingsParser.alerts(node, over: alerts) }
        if let node = root["store"] { store = try SettingsParser.store(node, over: store, secrets: secrets) }
        if let node = root["delivery"] { delivery = try SettingsParser.delivery(node, over: delivery) }
        finishRouting()
        try checkDefaultChannels(nodes: destinationNodes, fallback: root["destinations"] ?? root["routes"])
    }

    /// Derives what follows from the destinations and rules: routing knows every destination, and
    /// with neither rules nor a johari table every alert goes to every destination. No destination
    /// at all means the console.
    mutating func finishRouting() {
        if destinations.isEmpty { destinations = [Self.consoleDestination] }
        routing.destinations = destinations.map { RoutingDestination(name: $0.name, acceptsChannel: $0.acceptsChannel) }
        let routed = !routing.rules.isEmpty || routing.containerRoutes != nil
        routing.defaultDestinations = routed ? [] : destinations.map { RouteTarget(destination: $0.name) }
    }

    /// A Slack bot must know a channel for every alert routed to it: with no routes, its default.
    private func checkDefaultChannels(nodes: [String: YAMLConfigNode], fallback: YAMLConfigNode?) throws {
        let withoutDefault = Set(destinations.compactMap { destination -> String? in
            guard case .slack(let slack) = destination.settings, slack.defaultChannel == nil else { return nil }
            return destination.name
        })
        guard !withoutDefault.isEmpty else { return }
        for target in routing.defaultDestinations where target.channel == nil && withoutDefault.contains(target.destination) {
            let message = "Slack destination '\(target.destination)' has no defaultChannel, and with no routes every alert goes to it"
            if let node = nodes[target.destination] ?? fallback { throw node.error(message) }
            throw ConfigurationError(file: "configuration", line: nil, key: "destinations.\(target.destination)", message: message)
        }
    }
}
