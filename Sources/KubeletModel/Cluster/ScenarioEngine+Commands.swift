import Foundation
import KubeJSON

extension ScenarioEngine {
    /// The pod a command aims at: the pod itself, or a workload's first active pod by name.
    func resolvePod(_ target: String) -> Int? {
        if let index = workloadIndex[target] {
            let candidates = workloads[index].podIDs.compactMap { id in pods[id].map { (id, $0.simulation) } }
                .filter { $0.1.isActive }
                .sorted { $0.1.name < $1.1.name }
            return candidates.first?.0
        }
        return podIndex[target]
    }

    /// Runs `change` on the pod `target`; a target that names nothing does nothing.
    private mutating func withPod(_ target: String, _ change: (inout PodSimulation) -> [ClusterWrite]) -> [ClusterWrite] {
        guard let id = resolvePod(target), var record = pods[id] else { return [] }
        let writes = change(&record.simulation)
        store(record, id: id)
        return writes
    }

    private static func containerName(_ name: String?, in pod: PodSimulation) -> String {
        name ?? pod.blueprint.containers.first?.name ?? ""
    }

    mutating func execute(_ command: ScenarioCommand, at time: Date) -> [ClusterWrite] {
        switch command {
        case .crash(let target, let container, let exit):
            return withPod(target) { $0.exitContainer(Self.containerName(container, in: $0), with: exit, now: time) }
        case .oom(let target, let container):
            return withPod(target) { $0.oomKill(Self.containerName(container, in: $0), now: time) }
        case .complete(let target, let container):
            return withPod(target) { $0.exitContainer(Self.containerName(container, in: $0), with: .completed, now: time) }
        case .evict(let target):
            return withPod(target) { $0.evict(now: time) }
        case .delete(let target, let grace):
            return withPod(target) { $0.delete(now: time, gracePeriodSeconds: grace) }
        case .setReady(let target, let container, let ready):
            return withPod(target) { $0.setReady(Self.containerName(container, in: $0), ready: ready, now: time) }
        case .rollout(let target, let container, let image, let behaviour):
            guard let index = workloadIndex[target] else { return [] }
            var workload = workloads[index]
            var containers = workload.current.containers
            let position = container.flatMap { name in containers.firstIndex { $0.name == name } } ?? 0
            guard containers.indices.contains(position) else { return [] }
            if let image { containers[position].image = image }
            if let behaviour { containers[position].behaviour = behaviour }
            let revision = makeRevision(
                number: workload.current.number + 1, spec: workload.spec, containers: containers,
                initContainers: workload.current.initContainers, created: time)
            workload.revisions.append(revision)
            workload.generation += 1
            workloads[index] = workload
            dirtyWorkloads.insert(index)
            return []
        case .scale(let target, let replicas):
            guard let index = workloadIndex[target] else { return [] }
            workloads[index].spec.replicas = max(0, replicas)
            workloads[index].generation += 1
            dirtyWorkloads.insert(index)
            return []
        }
    }
}
