import Foundation

/// Decides where an alert goes. Pure and synchronous: the same alert, pod metadata and rules always
/// give the same decision, so it can run inside a store transaction and be tested by tables.
///
/// Precedence (docs/routing.md):
/// 1. a pod annotation that opts out (`muninn.io/ignore`, `kube-slack/ignore-pod`);
/// 2. the namespace filter (exclude wins over include);
/// 3. mutes, first active match;
/// 4. the pod's `muninn.io/destinations` annotation, when it names configured destinations;
/// 5. the rules in order (first match decides; `continue` collects and goes on; no destinations mutes);
/// 6. johari-mirror's table, when no rule decided (first match; empty channel mutes; no match suppresses);
/// 7. the default destinations, when nothing matched at all;
/// then the pod's channel annotation (`muninn.io/channel`, `kube-slack/slack-channel`) replaces the
/// channel of every delivery to a destination with channels, and duplicate lanes are merged.
///
/// ```swift
/// let router = AlertRouter(rules: configuration.routing)
/// switch router.route(alert, labels: pod.labels, annotations: pod.annotations) {
/// case .deliver(let lanes): ...
/// case .suppressed(let reason): ...
/// }
/// ```
public struct AlertRouter: Sendable {
    public let rules: RoutingRules
    private let known: [String: RoutingDestination]

    public init(rules: RoutingRules) {
        self.rules = rules
        var known: [String: RoutingDestination] = [:]
        for destination in rules.destinations where known[destination.name] == nil { known[destination.name] = destination }
        self.known = known
    }

    /// Routes `alert`, judging time-limited mutes at the moment the alert's incident occurred.
    public func route(_ alert: Alert, labels: [String: String], annotations: [String: String]) -> RoutingDecision {
        route(alert, labels: labels, annotations: annotations, at: alert.occurredAt)
    }

    /// Routes `alert`, judging time-limited mutes at `time`.
    public func route(_ alert: Alert, labels: [String: String], annotations: [String: String], at time: Date) -> RoutingDecision {
        let annotations = rules.honourPodAnnotations ? annotations : [:]
        if let key = PodAnnotations.optOutKey(in: annotations) { return .suppressed(reason: "pod annotation \(key)") }
        if let rejection = rules.namespaces.rejection(of: alert.namespace) { return .suppressed(reason: rejection) }
        if let mute = rules.mutes.first(where: { $0.mutes(alert, at: time) }) { return .suppressed(reason: mute.suppression) }

        let chosen: [RouteTarget]
        switch targets(for: alert, labels: labels, annotations: annotations) {
        case .success(let targets): chosen = targets
        case .failure(let suppression): return .suppressed(reason: suppression.reason)
        }
        let planned = lanes(for: chosen, channelOverride: PodAnnotations.requestedChannel(in: annotations))
        guard !planned.isEmpty else { return .suppressed(reason: "no configured destination") }
        return .deliver(planned)
    }

    private struct Suppression: Error {
        var reason: String
    }

    private func targets(for alert: Alert, labels: [String: String], annotations: [String: String]) -> Result<[RouteTarget], Suppression> {
        // Unknown names are ignored rather than dropping the alert over a typo in a pod's metadata.
        let requested = PodAnnotations.requestedDestinations(in: annotations).filter { known[$0] != nil }
        if !requested.isEmpty { return .success(requested.map { RouteTarget(destination: $0) }) }

        var collected: [RouteTarget] = []
        var matchedAny = false
        for rule in rules.rules where rule.match.matches(alert, labels: labels, annotations: annotations) {
            matchedAny = true
            if rule.isMute {
                return collected.isEmpty ? .failure(Suppression(reason: "muted by rule '\(rule.name)'")) : .success(collected)
            }
            collected += rule.destinations
            if !rule.continue { return .success(collected) }
        }
        if let table = rules.containerRoutes {
            let container = alert.container ?? ""
            switch table.routes.decide(namespace: alert.namespace, pod: alert.pod, container: container) {
            case .deliver(let channel, _):
                return .success(collected + [RouteTarget(destination: table.destination, channel: channel)])
            case .muted(let rule):
                return collected.isEmpty ? .failure(Suppression(reason: "muted by \(table.source) rule \(rule)")) : .success(collected)
            case .noMatch:
                let subject = "\(alert.namespace)/\(alert.pod)/\(container)"
                return collected.isEmpty ? .failure(Suppression(reason: "no \(table.source) rule matches \(subject)")) : .success(collected)
            }
        }
        if matchedAny { return .success(collected) }
        guard !rules.defaultDestinations.isEmpty else { return .failure(Suppression(reason: "no route matches")) }
        return .success(rules.defaultDestinations)
    }

    private func lanes(for targets: [RouteTarget], channelOverride: String?) -> [DeliveryLane] {
        var lanes: [DeliveryLane] = []
        for target in targets {
            guard let destination = known[target.destination] else { continue }
            var lane = target.lane
            if destination.acceptsChannel {
                if let channelOverride { lane.channel = channelOverride }
                if lane.channel?.isEmpty == true { lane.channel = nil }
            } else {
                lane.channel = nil
            }
            if !lanes.contains(lane) { lanes.append(lane) }
        }
        return lanes
    }
}
