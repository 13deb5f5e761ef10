import Foundation
import KubeJSON

extension ScenarioEngine {
    /// The controllers' reaction to what changed: create, replace and remove pods so each
    /// workload converges on its spec, then publish changed workload objects.
    mutating func reconcile(at time: Date) -> [ClusterWrite] {
        var writes: [ClusterWrite] = []
        // Reconciling can dirty workloads again (new pods); a few rounds settle it.
        for _ in 0..<4 where !dirtyWorkloads.isEmpty {
            let dirty = dirtyWorkloads.sorted()
            dirtyWorkloads.removeAll()
            for index in dirty where workloads[index].started {
                writes += reconcileWorkload(index, at: time)
                writes += workloadObjects(index, force: false)
            }
        }
        return writes
    }

    private func records(of index: Int) -> [(id: Int, record: PodRecord)] {
        workloads[index].podIDs.compactMap { id in pods[id].map { (id, $0) } }
    }

    private mutating func reconcileWorkload(_ index: Int, at time: Date) -> [ClusterWrite] {
        let workload = workloads[index]
        let owned = records(of: index)
        let active = owned.filter { $0.record.simulation.isActive }
        let currentRevision = workload.revisions.count - 1
        let replicas = workload.spec.replicas
        var writes: [ClusterWrite] = []
        switch workload.spec.kind {
        case .deployment:
            let fresh = active.filter { $0.record.revision == currentRevision }.sorted { $0.record.simulation.name < $1.record.simulation.name }
            var old = active.filter { $0.record.revision != currentRevision }
            let surge = max(1, Int((Double(replicas) * 0.25).rounded(.up)))
            let unavailable = Int((Double(replicas) * 0.25).rounded(.down))
            for extra in fresh.dropFirst(replicas) { writes += deletePod(extra.id, at: time) }
            let readyFresh = fresh.prefix(replicas).filter { $0.record.simulation.isReady }.count
            let allowedOld = max(0, replicas - unavailable - readyFresh)
            if old.count > allowedOld {
                old.sort { !$0.record.simulation.isReady && $1.record.simulation.isReady }
                for victim in old.prefix(old.count - allowedOld) { writes += deletePod(victim.id, at: time) }
                old = Array(old.dropFirst(old.count - allowedOld))
            }
            let room = replicas + surge - min(fresh.count, replicas) - old.count
            let missing = min(replicas - min(fresh.count, replicas), max(0, room))
            for _ in 0..<max(0, missing) { writes += createPod(workload: index, revision: currentRevision, ordinal: nil, node: nil, at: time) }
        case .statefulSet:
            let byOrdinal = Dictionary(owned.map { ($0.record.simulation.name, $0) }, uniquingKeysWith: { first, _ in first })
            for ordinal in 0..<replicas where byOrdinal["\(workload.spec.name)-\(ordinal)"] == nil {
                writes += createPod(workload: index, revision: currentRevision, ordinal: ordinal, node: nil, at: time)
            }
            for entry in active {
                if let ordinal = Int(entry.record.simulation.name.split(separator: "-").last ?? ""), ordinal >= replicas {
                    writes += deletePod(entry.id, at: time)
                }
            }
            // Rolling update: one pod at a time, highest ordinal first, once the others are ready.
            let settled = owned.allSatisfy { $0.record.simulation.isActive && $0.record.simulation.isReady }
            if settled, let outdated = active.filter({ $0.record.revision != currentRevision }).max(by: { $0.record.simulation.name < $1.record.simulation.name }) {
                writes += deletePod(outdated.id, at: time)
            }
        case .daemonSet:
            for node in nodes.indices where !active.contains(where: { $0.record.nodeIndex == node }) {
                if !owned.contains(where: { $0.record.nodeIndex == node && !$0.record.simulation.isTerminal }) {
                    writes += createPod(workload: index, revision: currentRevision, ordinal: nil, node: node, at: time)
                }
            }
            if !owned.contains(where: { $0.record.simulation.isTerminating }),
               let outdated = active.first(where: { $0.record.revision != currentRevision }) {
                writes += deletePod(outdated.id, at: time)
            }
        case .job:
            guard workload.completionTime == nil else { break }
            if owned.contains(where: { $0.record.simulation.phase == "Succeeded" }) {
                workloads[index].completionTime = time
            } else if active.isEmpty && owned.filter({ $0.record.simulation.phase == "Failed" }).count < 6 {
                writes += createPod(workload: index, revision: currentRevision, ordinal: nil, node: nil, at: time)
            }
        case .pod:
            if !workload.createdBarePod {
                workloads[index].createdBarePod = true
                writes += createPod(workload: index, revision: currentRevision, ordinal: nil, node: nil, at: time)
            }
        }
        return writes
    }

    mutating func deletePod(_ id: Int, at time: Date) -> [ClusterWrite] {
        guard var record = pods[id] else { return [] }
        let writes = record.simulation.delete(now: time)
        store(record, id: id)
        return writes
    }

    /// The pod blueprint a controller stamps out for a workload revision.
    mutating func blueprint(workload index: Int, revision: Int, ordinal: Int?, node: Int) -> PodBlueprint {
        let workload = workloads[index]
        let spec = workload.spec
        let template = workload.revisions[revision]
        var labels: [String: String] = ["app": spec.name]
        var generateName: String? = "\(spec.name)-"
        var name = "\(spec.name)-\(random.nameSuffix())"
        var owner: OwnerReference?
        var restartPolicy = RestartPolicy.always
        switch spec.kind {
        case .deployment:
            let replicaSet = "\(spec.name)-\(template.hash)"
            labels["pod-template-hash"] = template.hash
            generateName = "\(replicaSet)-"
            name = "\(replicaSet)-\(random.nameSuffix())"
            owner = OwnerReference(apiVersion: "apps/v1", kind: "ReplicaSet", name: replicaSet, uid: template.uid)
        case .statefulSet:
            let podName = "\(spec.name)-\(ordinal ?? 0)"
            labels["apps.kubernetes.io/pod-index"] = "\(ordinal ?? 0)"
            labels["controller-revision-hash"] = "\(spec.name)-\(template.hash)"
            labels["statefulset.kubernetes.io/pod-name"] = podName
            generateName = nil
            name = podName
            owner = OwnerReference(apiVersion: "apps/v1", kind: "StatefulSet", name: spec.name, uid: workload.uid)
        case .daemonSet:
            labels["controller-revision-hash"] = template.hash
            labels["pod-template-generation"] = "\(template.number)"
            owner = OwnerReference(apiVersion: "apps/v1", kind: "DaemonSet", name: spec.name, uid: workload.uid)
        case .job:
            labels = [
                "batch.kubernetes.io/controller-uid": workload.uid, "batch.kubernetes.io/job-name": spec.name,
                "controller-uid": workload.uid, "job-name": spec.name,
            ]
            owner = OwnerReference(apiVersion: "batch/v1", kind: "Job", name: spec.name, uid: workload.uid)
            restartPolicy = .never
        case .pod:
            generateName = nil
            name = spec.name
        }
        var annotations: [String: String] = [:]
        if spec.realism == .exemplar {
            labels = ExemplarPod.labels(workload: spec.name, namespace: spec.namespace, templateHash: template.hash)
            annotations = ExemplarPod.annotations
        }
        let count = podsCreatedPerNode[node]
        podsCreatedPerNode[node] += 1
        return PodBlueprint(
            namespace: spec.namespace, name: name, generateName: generateName, labels: labels, annotations: annotations,
            owner: owner, nodeName: nodes[node], hostIP: Self.hostIP(node: node),
            podIP: "10.\(244 + node / 256).\(node % 256).\(count % 250 + 2)",
            initContainers: template.initContainers, containers: template.containers,
            restartPolicy: restartPolicy, terminationGracePeriodSeconds: spec.realism == .exemplar ? 1 : 30, realism: spec.realism)
    }

    static func hostIP(node: Int) -> String { "172.18.\(node / 250).\(node % 250 + 2)" }

    private mutating func createPod(workload index: Int, revision: Int, ordinal: Int?, node: Int?, at time: Date) -> [ClusterWrite] {
        let nodeIndex = node ?? { defer { nextNode = (nextNode + 1) % nodes.count }; return nextNode }()
        let blueprint = blueprint(workload: index, revision: revision, ordinal: ordinal, node: nodeIndex)
        var simulation = PodSimulation(blueprint: blueprint, random: random.fork(), now: time)
        let writes = simulation.create(now: time)
        _ = track(simulation, workload: index, revision: revision, nodeIndex: nodeIndex)
        dirtyWorkloads.insert(index)
        return writes
    }
}
