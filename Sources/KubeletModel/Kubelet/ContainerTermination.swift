import Foundation
import KubeJSON

/// `state.terminated` / `lastState.terminated` of one container instance.
public struct ContainerTermination: Sendable, Equatable {
    public var exitCode: Int
    public var signal: Int?
    public var reason: String
    public var message: String?
    /// `nil` is written as JSON `null` (the kubelet's "could not be located" statuses).
    public var startedAt: Date?
    public var finishedAt: Date?
    public var containerID: String?

    var json: JSONValue {
        var members: [(String, JSONValue)] = [("exitCode", .int(Int64(exitCode)))]
        if let signal { members.append(("signal", .int(Int64(signal)))) }
        members.append(("reason", .string(reason)))
        if let message { members.append(("message", .string(message))) }
        members.append(("startedAt", KubeTime.json(startedAt)))
        members.append(("finishedAt", KubeTime.json(finishedAt)))
        if let containerID { members.append(("containerID", .string(containerID))) }
        return JSONBuilding.object(members)
    }
}
