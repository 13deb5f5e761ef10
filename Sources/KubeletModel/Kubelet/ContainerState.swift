import Foundation
import KubeJSON

/// `state` of a container status: exactly one of waiting, running, terminated.
public enum ContainerState: Sendable, Equatable {
    case waiting(reason: String, message: String?)
    case running(startedAt: Date)
    case terminated(ContainerTermination)

    var json: JSONValue {
        switch self {
        case .waiting(let reason, let message):
            var members: [(String, JSONValue)] = [("reason", .string(reason))]
            if let message { members.append(("message", .string(message))) }
            return JSONBuilding.object([("waiting", JSONBuilding.object(members))])
        case .running(let startedAt):
            return JSONBuilding.object([("running", JSONBuilding.object([("startedAt", .string(KubeTime.rfc3339(startedAt)))]))])
        case .terminated(let termination):
            return JSONBuilding.object([("terminated", termination.json)])
        }
    }

    var isRunning: Bool { if case .running = self { true } else { false } }
    var termination: ContainerTermination? { if case .terminated(let t) = self { t } else { nil } }
    var waitingReason: String? { if case .waiting(let reason, _) = self { reason } else { nil } }
}
