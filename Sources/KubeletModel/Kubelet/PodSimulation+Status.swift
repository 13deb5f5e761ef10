import Foundation
import KubeJSON

extension PodSimulation {
    /// Recomputes phase and conditions from the container states (kubelet `getPhase` and
    /// `generateAPIPodStatus`, simplified as in PROTOCOL.md §10.6/§10.8).
    mutating func refreshStatus(now: Date) {
        guard admitted else { return }
        if !isTerminal {
            phase = computedPhase()
            if isTerminal { sandboxReady = false }
        }
        let pendingInit = initContainers.filter { !$0.initDone }.map(\.name)
        let unready = (initContainers.filter { $0.role == .sidecar } + containers).filter { !$0.ready }.map(\.name)
        for position in conditions.indices {
            switch conditions[position].type {
            case "PodReadyToStartContainers":
                conditions[position].update(status: sandboxReady ? "True" : "False", now: now)
            case "Initialized":
                if pendingInit.isEmpty {
                    conditions[position].update(status: "True", now: now)
                } else {
                    conditions[position].update(status: "False", reason: "ContainersNotInitialized",
                                                message: "containers with incomplete status: [\(pendingInit.joined(separator: " "))]", now: now)
                }
            case "Ready", "ContainersReady":
                if phase == "Succeeded" {
                    conditions[position].update(status: "False", reason: "PodCompleted", now: now)
                } else if phase == "Failed" {
                    conditions[position].update(status: "False", reason: "PodFailed", now: now)
                } else if unready.isEmpty {
                    conditions[position].update(status: "True", now: now)
                } else {
                    conditions[position].update(status: "False", reason: "ContainersNotReady",
                                                message: "containers with unready status: [\(unready.joined(separator: " "))]", now: now)
                }
            default:
                break
            }
        }
    }

    private func computedPhase() -> String {
        if let failed = initContainers.first(where: { $0.role == .initContainer && $0.state.termination.map { $0.exitCode != 0 } == true }),
           !failed.restarts(after: .error(), policy: blueprint.restartPolicy) {
            return "Failed"
        }
        if initContainers.contains(where: { !$0.initDone }) { return "Pending" }
        if containers.contains(where: { $0.state.waitingReason != nil && $0.lastState == nil && !$0.hasRun }) { return "Pending" }
        let terminations = containers.compactMap { $0.state.termination }
        guard terminations.count == containers.count else { return "Running" }
        let anyFailed = terminations.contains { $0.exitCode != 0 }
        switch blueprint.restartPolicy {
        case .always: return "Running"
        case .onFailure: return anyFailed ? "Running" : "Succeeded"
        case .never: return anyFailed ? "Failed" : "Succeeded"
        }
    }

    /// The whole pod object as the apiserver would return it (without resourceVersion, which the
    /// store assigns).
    public func render() -> JSONValue {
        var metadata = builder.metadata(deletion: deletion)
        if blueprint.realism == .exemplar, let owner = blueprint.owner {
            metadata["managedFields"] = ExemplarPod.managedFields(
                ownerUID: owner.uid, podIP: blueprint.podIP, created: builder.creationTimestamp, statusUpdated: lastStatusUpdate)
        }
        return JSONBuilding.object([
            ("kind", "Pod"), ("apiVersion", "v1"), ("metadata", metadata), ("spec", spec), ("status", renderStatus()),
        ])
    }

    private func renderStatus() -> JSONValue {
        let exemplar = blueprint.realism == .exemplar
        var members: [(String, JSONValue)] = []
        if exemplar { members.append(("observedGeneration", 1)) }
        members.append(("phase", .string(phase)))
        let all = (disruption.map { [$0] } ?? []) + conditions
        members.append(("conditions", .array(all.map { $0.json(observedGeneration: exemplar) })))
        if let podMessage { members.append(("message", .string(podMessage))) }
        if let podReason { members.append(("reason", .string(podReason))) }
        if admitted {
            members.append(("hostIP", .string(blueprint.hostIP)))
            members.append(("hostIPs", [["ip": .string(blueprint.hostIP)]]))
            members.append(("podIP", .string(blueprint.podIP)))
            members.append(("podIPs", [["ip": .string(blueprint.podIP)]]))
            members.append(("startTime", KubeTime.json(startTime)))
            if !initContainers.isEmpty {
                members.append(("initContainerStatuses", .array(initContainers.map { containerStatus($0, isInit: true) })))
            }
            members.append(("containerStatuses", .array(containers.map { containerStatus($0, isInit: false) })))
        }
        members.append(("qosClass", .string(blueprint.qosClass)))
        if exemplar {
            let requests = Quantities.sum(blueprint.containers.map(\.requests))
            members.append(("allocatedResources", JSONBuilding.sortedMap(requests)))
            members.append(("resources", JSONBuilding.object([("requests", JSONBuilding.sortedMap(requests))])))
        }
        return JSONBuilding.object(members)
    }

    private func containerStatus(_ container: ContainerSimulation, isInit: Bool) -> JSONValue {
        let image = container.image
        var members: [(String, JSONValue)] = [
            ("name", .string(container.name)),
            ("state", container.state.json),
            ("lastState", container.lastState.map { JSONBuilding.object([("terminated", $0.json)]) } ?? JSONBuilding.emptyObject),
            ("ready", .bool(container.ready)),
            ("restartCount", .int(Int64(container.restartCount))),
            ("image", .string(container.imagePulled ? image.normalized : container.blueprint.image)),
            ("imageID", .string(container.imagePulled ? image.imageID : "")),
        ]
        if let containerID = container.containerID { members.append(("containerID", .string(containerID))) }
        members.append(("started", .bool(container.started)))
        let exemplarDetails = blueprint.realism == .exemplar && container.hasRun
        if exemplarDetails {
            var resources: [(String, JSONValue)] = []
            if !container.blueprint.limits.isEmpty { resources.append(("limits", JSONBuilding.sortedMap(container.blueprint.limits))) }
            if !container.blueprint.requests.isEmpty { resources.append(("requests", JSONBuilding.sortedMap(container.blueprint.requests))) }
            members.append(("resources", JSONBuilding.object(resources)))
        }
        members.append(("volumeMounts", .array(builder.volumeMounts(for: container.blueprint, isInit: isInit, inStatus: true))))
        if exemplarDetails {
            members.append(("user", ["linux": ["uid": 0, "gid": 0, "supplementalGroups": [0, 1, 2, 3, 4, 6, 10, 11, 20, 26, 27]]]))
        }
        return JSONBuilding.object(members)
    }
}
