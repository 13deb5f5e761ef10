import Foundation
import KubeJSON

/// One entry of `status.conditions`, remembering when its status last changed.
struct PodCondition: Sendable, Equatable {
    var type: String
    var status: String
    var reason: String?
    var message: String?
    var lastTransitionTime: Date

    /// Updates the condition; the transition time moves only when `status` changes, as in the kubelet.
    mutating func update(status: String, reason: String? = nil, message: String? = nil, now: Date) {
        if status != self.status { lastTransitionTime = now }
        self.status = status
        self.reason = reason
        self.message = message
    }

    func json(observedGeneration: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [("type", .string(type))]
        if observedGeneration { members.append(("observedGeneration", 1)) }
        members += [("status", .string(status)), ("lastProbeTime", .null), ("lastTransitionTime", .string(KubeTime.rfc3339(lastTransitionTime)))]
        if let reason { members.append(("reason", .string(reason))) }
        if let message { members.append(("message", .string(message))) }
        return JSONBuilding.object(members)
    }
}
