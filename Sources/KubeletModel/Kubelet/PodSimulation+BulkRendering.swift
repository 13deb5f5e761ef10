import Foundation
import KubeJSON

extension PodSimulation {
    /// Renders this pod by patching the rendered object of a sibling made the same way (same
    /// workload revision, created at the same time, both `alreadyRunning`): only the fields that
    /// differ between such pods are rebuilt, the rest is shared. This is what makes 150,000 bulk
    /// pods cheap to emit; the result equals `render()`.
    func render(patching sibling: JSONValue) -> JSONValue {
        var object = sibling
        var metadata = object["metadata"] ?? JSONBuilding.emptyObject
        metadata["name"] = .string(name)
        metadata["uid"] = .string(uid)
        if blueprint.realism == .exemplar, let owner = blueprint.owner {
            metadata["managedFields"] = ExemplarPod.managedFields(
                ownerUID: owner.uid, podIP: blueprint.podIP, created: builder.creationTimestamp, statusUpdated: lastStatusUpdate)
        }
        object["metadata"] = metadata
        object["spec"] = spec
        var status = object["status"] ?? JSONBuilding.emptyObject
        status["hostIP"] = .string(blueprint.hostIP)
        status["hostIPs"] = [["ip": .string(blueprint.hostIP)]]
        status["podIP"] = .string(blueprint.podIP)
        status["podIPs"] = [["ip": .string(blueprint.podIP)]]
        if let statuses = status["initContainerStatuses"] {
            status["initContainerStatuses"] = Self.patchingContainerIDs(statuses, initContainers)
        }
        if let statuses = status["containerStatuses"] {
            status["containerStatuses"] = Self.patchingContainerIDs(statuses, containers)
        }
        object["status"] = status
        return object
    }

    private static func patchingContainerIDs(_ statuses: JSONValue, _ containers: [ContainerSimulation]) -> JSONValue {
        guard case .array(var items) = statuses, items.count == containers.count else { return statuses }
        for index in items.indices {
            guard let containerID = containers[index].containerID else { continue }
            items[index]["containerID"] = .string(containerID)
            if items[index][path: ["state", "terminated"]] != nil {
                items[index][path: ["state", "terminated", "containerID"]] = .string(containerID)
            }
        }
        return .array(items)
    }
}
