import Foundation

/// The per-workload repeat filters applied after routing: kube-slack's flood control and johari-mirror's
/// restart throttle, each optional. Sequential state, owned by the enrichment stage.
public struct AlertGate: Sendable {
    private var flood: FloodControl?
    private let restartThrottle: Bool

    public init(flood: FloodControl? = nil, restartThrottle: Bool = false) {
        self.flood = flood
        self.restartThrottle = restartThrottle
    }

    /// Nil when `alert` may go out, else why it is held back (kept in the history).
    public mutating func check(_ alert: Alert, now: Date) -> String? {
        if restartThrottle, alert.kind == .crashed, let count = alert.restartCount {
            let previous = count - max(alert.restartsSeen ?? 1, 1)
            if !RestartThrottle.isDue(from: previous, to: count) {
                return "restart throttle: restart \(count) is not announced (1-10, then every 24th)"
            }
        }
        if var flood {
            defer { self.flood = flood }
            let key = FloodControl.Key(
                namespace: alert.namespace, workload: alert.workload?.name ?? alert.pod, container: alert.container ?? "",
                reason: alert.reason ?? alert.kind.rawValue)
            if !flood.admit(key, now: now) {
                return "flood control: the same failure was reported less than \(Int(flood.expiry)) s ago"
            }
        }
        return nil
    }

    /// The conversation an alert belongs to: later crashes of the same container of the same workload reply in it.
    public static func threadKey(for alert: Alert) -> String {
        let owner = alert.workload.map { "\($0.kind)/\($0.name)" } ?? "Pod/\(alert.pod)"
        return [alert.cluster, alert.namespace, owner, alert.container ?? "", alert.kind.rawValue].joined(separator: "|")
    }
}
