import KubeJSON

/// Writes produced while handling one instant, ordered the way a watcher should see them:
/// log text first (so "why did it crash" is readable as soon as the crash is visible), then the
/// pod object, then the Events about it, then removals.
struct WriteBatch: Sendable {
    var logs: [ClusterWrite] = []
    var events: [ClusterWrite] = []
    var removals: [ClusterWrite] = []
    var podChanged = false

    mutating func log(_ simulation: PodSimulation, container: ContainerSimulation, text: String) {
        guard !text.isEmpty, let containerID = container.containerID else { return }
        logs.append(.appendLog(
            namespace: simulation.namespace, pod: simulation.name, container: container.name,
            containerID: containerID, text: text))
    }

    func writes(pod: @autoclosure () -> JSONValue) -> [ClusterWrite] {
        var all = logs
        if podChanged { all.append(.apply(.pods, pod())) }
        return all + events + removals
    }
}
