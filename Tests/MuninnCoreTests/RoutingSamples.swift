import Foundation

@testable import MuninnCore

/// Alerts and rules for the router tests: a Deployment's crashed container unless told otherwise.
enum RoutingSamples {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func alert(
        kind: Alert.Kind = .crashed, cluster: String = "prod", namespace: String = "shop", pod: String = "web-7d9c-x1",
        container: String? = "app", workload: Alert.Workload? = Alert.Workload(kind: "Deployment", name: "web"), reason: String? = "OOMKilled",
        at time: Date = start
    ) -> Alert {
        Alert(
            id: "uid/\(container ?? "-")/1", kind: kind, cluster: cluster, namespace: namespace, pod: pod, container: container, workload: workload,
            reason: reason, occurredAt: time)
    }

    static let destinations = [
        RoutingDestination(name: "slack", acceptsChannel: true), RoutingDestination(name: "ops", acceptsChannel: true),
        RoutingDestination(name: "dingtalk", acceptsChannel: false), RoutingDestination(name: "hook", acceptsChannel: false),
    ]

    static func lane(_ destination: String, _ channel: String? = nil) -> DeliveryLane {
        DeliveryLane(destination: destination, channel: channel)
    }

    static func patterns(_ texts: String...) -> [WildcardPattern] { texts.map(WildcardPattern.init) }
}
