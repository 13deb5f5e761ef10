import Foundation
import KubeJSON

/// Writes core/v1 Events the way client-go's legacy recorder (used by the kubelet) does: an event
/// identical to an earlier one (same object, reason, message, source) is not created again but
/// updated in place, with `count` incremented and `lastTimestamp` moved on.
struct EventRecorder: Sendable {
    private struct Record: Sendable {
        var name: String
        var uid: String
        var firstTimestamp: Date
        var count: Int
    }

    private var records: [String: Record] = [:]
    private var sequence: UInt64 = 0

    /// A kubelet-style event (`source: {component, host}`, `eventTime: null`).
    mutating func record(
        _ involved: InvolvedObject, type: String, reason: String, message: String,
        component: String, host: String, now: Date, random: inout SeededRandom
    ) -> ClusterWrite {
        let key = [involved.uid, involved.fieldPath ?? "", type, reason, message, component, host].joined(separator: "\u{0}")
        var record = records[key] ?? Record(name: eventName(for: involved.name, now: now, random: &random), uid: random.uuid(), firstTimestamp: now, count: 0)
        record.count += 1
        records[key] = record
        let namespace = involved.namespace ?? "default"
        let event = JSONBuilding.object([
            ("kind", "Event"), ("apiVersion", "v1"),
            ("metadata", JSONBuilding.object([
                ("name", .string(record.name)), ("namespace", .string(namespace)), ("uid", .string(record.uid)),
                ("creationTimestamp", .string(KubeTime.rfc3339(record.firstTimestamp))),
            ])),
            ("involvedObject", involved.json),
            ("reason", .string(reason)), ("message", .string(message)),
            ("source", JSONBuilding.object([("component", .string(component)), ("host", .string(host))])),
            ("firstTimestamp", .string(KubeTime.rfc3339(record.firstTimestamp))),
            ("lastTimestamp", .string(KubeTime.rfc3339(now))),
            ("count", .int(Int64(record.count))),
            ("type", .string(type)),
            ("eventTime", .null),
            ("reportingComponent", .string(component)), ("reportingInstance", .string(host)),
        ])
        return .apply(.events, event)
    }

    /// An event written through the events.k8s.io API (the scheduler's): `eventTime` in
    /// MicroTime, `action`, no legacy timestamps or count, empty `source`.
    mutating func recordNew(
        _ involved: InvolvedObject, type: String, reason: String, action: String, message: String,
        controller: String, instance: String, now: Date, random: inout SeededRandom
    ) -> ClusterWrite {
        let event = JSONBuilding.object([
            ("kind", "Event"), ("apiVersion", "v1"),
            ("metadata", JSONBuilding.object([
                ("name", .string(eventName(for: involved.name, now: now, random: &random))),
                ("namespace", .string(involved.namespace ?? "default")), ("uid", .string(random.uuid())),
                ("creationTimestamp", .string(KubeTime.rfc3339(now))),
            ])),
            ("involvedObject", involved.json),
            ("reason", .string(reason)), ("message", .string(message)),
            ("source", JSONBuilding.emptyObject),
            ("firstTimestamp", .null), ("lastTimestamp", .null),
            ("type", .string(type)),
            ("eventTime", .string(KubeTime.micro(now))),
            ("action", .string(action)),
            ("reportingComponent", .string(controller)), ("reportingInstance", .string(instance)),
        ])
        return .apply(.events, event)
    }

    /// `<object>.<hex unix nanoseconds>` as client-go names events. Simulated events share whole
    /// seconds, so a random sub-millisecond offset (and a per-recorder sequence) keeps names
    /// distinct, also between pods recording events about the same Node at the same instant.
    private mutating func eventName(for object: String, now: Date, random: inout SeededRandom) -> String {
        sequence += 1
        let nanos = UInt64(max(0, now.timeIntervalSince1970) * 1_000_000_000) &+ random.next() % 1_000_000 &+ sequence
        return "\(object).\(String(nanos, radix: 16))"
    }
}
