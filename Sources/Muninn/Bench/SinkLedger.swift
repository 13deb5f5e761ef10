import KubeJSON
import Synchronization

/// Everything a soak's sink received, counted so that loss and repetition can be told apart: alerts by their
/// `id` (the same on every retry), crash alerts per pod, and change messages by their `id` per object.
final class SinkLedger: Sendable {
    struct Counts: Sendable {
        /// Requests per alert `id`: more than one is a duplicate.
        var alertRequestsByID: [String: Int] = [:]
        /// Distinct crash alert ids per `namespace/pod`.
        var crashAlertsByPod: [String: Set<String>] = [:]
        /// Distinct alerts of other kinds (not-ready, cannot start, ...) by kind.
        var otherAlertsByKind: [String: Set<String>] = [:]
        /// Requests per change `id`.
        var changeRequestsByID: [String: Int] = [:]
        /// Distinct change ids per `Kind/namespace/name`.
        var changesByObject: [String: Set<String>] = [:]
        /// Bodies that were not the JSON of an alert or a change.
        var unreadable = 0

        var alertRequests: Int { alertRequestsByID.values.reduce(0, +) }
        var duplicatedAlerts: Int { alertRequestsByID.values.reduce(0) { $0 + max(0, $1 - 1) } }
        var crashAlerts: Int { crashAlertsByPod.values.reduce(0) { $0 + $1.count } }
        var otherAlerts: Int { otherAlertsByKind.values.reduce(0) { $0 + $1.count } }
        var changeRequests: Int { changeRequestsByID.values.reduce(0, +) }
        var duplicatedChanges: Int { changeRequestsByID.values.reduce(0) { $0 + max(0, $1 - 1) } }
        var changes: Int { changesByObject.values.reduce(0) { $0 + $1.count } }
    }

    private let counts = Mutex(Counts())

    var snapshot: Counts { counts.withLock { $0 } }

    /// An alert webhook body (docs/destinations.md: `id`, `kind`, `namespace`, `pod`).
    func recordAlert(_ payload: JSONValue?) {
        guard let payload, let id = payload["id"]?.stringValue, let kind = payload["kind"]?.stringValue else {
            counts.withLock { $0.unreadable += 1 }
            return
        }
        let pod = "\(payload["namespace"]?.stringValue ?? "")/\(payload["pod"]?.stringValue ?? "")"
        counts.withLock { counts in
            counts.alertRequestsByID[id, default: 0] += 1
            if kind == "crashed" {
                counts.crashAlertsByPod[pod, default: []].insert(id)
            } else {
                counts.otherAlertsByKind[kind, default: []].insert(id)
            }
        }
    }

    /// A change webhook body (`type: change`, `id`, `kind`, `namespace`, `name`).
    func recordChange(_ payload: JSONValue?) {
        guard let payload, payload["type"]?.stringValue == "change", let id = payload["id"]?.stringValue else {
            counts.withLock { $0.unreadable += 1 }
            return
        }
        let object = SinkLedger.objectKey(
            kind: payload["kind"]?.stringValue ?? "", namespace: payload["namespace"]?.stringValue ?? "", name: payload["name"]?.stringValue ?? "")
        counts.withLock { counts in
            counts.changeRequestsByID[id, default: 0] += 1
            counts.changesByObject[object, default: []].insert(id)
        }
    }

    static func objectKey(kind: String, namespace: String, name: String) -> String { "\(kind)/\(namespace)/\(name)" }
}
