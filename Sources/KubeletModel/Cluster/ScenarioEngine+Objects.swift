import Foundation
import KubeJSON

extension ScenarioEngine {
    /// Namespaces, nodes, and the workloads that start with the scenario (plus bulk pods).
    mutating func initialObjects() -> [ClusterWrite] {
        var writes: [ClusterWrite] = []
        let created = start.addingTimeInterval(-3600)
        for namespace in namespaces {
            writes.append(.apply(.namespaces, ClusterObjects.namespace(namespace, uid: random.uuid(), created: created)))
        }
        for (index, node) in nodes.enumerated() {
            let uid = random.uuid()
            writes.append(.apply(.nodes, ClusterObjects.node(
                node, uid: uid, internalIP: Self.hostIP(node: index),
                podCIDR: "10.\(244 + index / 256).\(index % 256).0/24", created: created, heartbeat: start)))
            if leasesEnabled { nodeLeases.append((uid, random.uuid())) }
        }
        if leasesEnabled { writes += renewLeases(at: start) }
        while let first = pendingWorkloads.first, first.at <= start {
            pendingWorkloads.removeFirst()
            // Bulk workloads start complete (their pods exist); others need their controller.
            let needsController = !workloads[first.workload].started
            writes += workloadObjects(first.workload, force: true)
            if needsController { dirtyWorkloads.insert(first.workload) }
        }
        // Bulk pods of one workload differ only in names, IDs and addresses: render the first
        // of each fully and patch it for the others.
        var siblings: [Int: JSONValue] = [:]
        for id in bulkPodIDs {
            guard let record = pods[id] else { continue }
            if let workload = record.workload, let sibling = siblings[workload] {
                writes.append(.apply(.pods, record.simulation.render(patching: sibling)))
            } else {
                let object = record.simulation.render()
                if let workload = record.workload { siblings[workload] = object }
                writes.append(.apply(.pods, object))
            }
        }
        bulkPodIDs = []
        return writes
    }

    /// The workload's objects that changed since last published (all of them with `force`).
    mutating func workloadObjects(_ index: Int, force: Bool) -> [ClusterWrite] {
        workloads[index].started = true
        let owned = workloads[index].podIDs.compactMap { id in pods[id].map { ($0.revision, $0.simulation) } }
        let objects = WorkloadObjects(workload: workloads[index], pods: owned).objects()
        var writes: [ClusterWrite] = []
        for (resource, object) in objects {
            let key = "\(resource.resource)/\(object[path: ["metadata", "namespace"]]?.stringValue ?? "")/\(object[path: ["metadata", "name"]]?.stringValue ?? "")"
            if !force, renderedObjects[key] == object { continue }
            renderedObjects[key] = object
            writes.append(.apply(resource, object))
        }
        return writes
    }

    /// Every node's kubelet renews its Lease.
    mutating func renewLeases(at time: Date) -> [ClusterWrite] {
        let created = start.addingTimeInterval(-3600)
        let writes = zip(nodes, nodeLeases).map { node, lease in
            ClusterWrite.apply(.leases, ClusterObjects.nodeLease(node, nodeUID: lease.nodeUID, uid: lease.uid, created: created, renewed: time))
        }
        nextLeaseRenewal = time.addingTimeInterval(Self.leaseRenewInterval)
        return writes
    }
}
