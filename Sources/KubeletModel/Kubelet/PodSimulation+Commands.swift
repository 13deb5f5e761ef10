import Foundation
import KubeJSON

extension PodSimulation {
    /// Runs `change` as one instant after catching up to `now`.
    private mutating func command(now: Date, _ change: (inout PodSimulation, inout WriteBatch) -> Void) -> [ClusterWrite] {
        var writes = tick(now: now)
        guard !isRemoved else { return writes }
        var batch = WriteBatch()
        change(&self, &batch)
        if batch.podChanged {
            lastStatusUpdate = now
            refreshStatus(now: now)
        }
        writes += batch.writes(pod: render())
        // Transitions the command made due at once (e.g. deletion with no grace period).
        writes += tick(now: now)
        return writes
    }

    /// The container's running instance exits now with `exit` (a crash, an OOM kill, or a clean
    /// exit); the kubelet then reacts as it would to a real exit. No effect if it is not running.
    public mutating func exitContainer(_ name: String, with exit: ContainerExit, now: Date) -> [ClusterWrite] {
        command(now: now) { pod, batch in
            guard let index = pod.locate(name), pod[index].state.isRunning else { return }
            pod.containerExited(index, exit: exit, now: now, batch: &batch)
        }
    }

    /// The kernel OOM-kills the container now.
    public mutating func oomKill(_ name: String, now: Date) -> [ClusterWrite] {
        exitContainer(name, with: .oomKilled, now: now)
    }

    /// Forces the readiness of a running container (a probe starts failing or passing).
    public mutating func setReady(_ name: String, ready: Bool, now: Date) -> [ClusterWrite] {
        command(now: now) { pod, batch in
            guard let index = pod.locate(name), pod[index].state.isRunning else { return }
            pod.probeReadiness(index, ready: ready, now: now, batch: &batch)
        }
    }

    /// Changes what the container does from its next start on (e.g. a fixed bug).
    public mutating func setBehaviour(_ name: String, to behaviour: ContainerBehaviour, now: Date) -> [ClusterWrite] {
        command(now: now) { pod, _ in
            guard let index = pod.locate(name) else { return }
            pod[index].blueprint.behaviour = behaviour
        }
    }

    /// The kubelet's eviction manager evicts the pod for `resource` pressure: phase Failed,
    /// reason Evicted, a DisruptionTarget condition, containers killed, and an `Evicted` event.
    public mutating func evict(now: Date, resource: String = "memory") -> [ClusterWrite] {
        command(now: now) { pod, batch in
            guard !pod.isTerminal, pod.deletion == nil else { return }
            pod.cancelAgenda()
            let victim = pod.containers.first?.blueprint
            let request = victim?.requests[resource] ?? "0"
            let available = pod.random.int(in: 40_000...99_000)
            let usage = pod.random.int(in: 600_000...2_400_000)
            let message = "The node was low on resource: \(resource). Threshold quantity: 100Mi, available: \(available)Ki. "
                + "Container \(victim?.name ?? "main") was using \(usage)Ki, request is \(request), has larger consumption of \(resource). "
            pod.kubeletEvent(nil, type: "Warning", reason: "Evicted", message: message, now: now, batch: &batch)
            for index in pod.allIndices {
                var container = pod[index]
                if container.state.isRunning {
                    pod.kubeletEvent(index, reason: "Killing", message: "Stopping container \(container.name)", now: now, batch: &batch)
                    container.state = .terminated(ContainerTermination(
                        exitCode: 137, reason: "Error", startedAt: container.runningSince, finishedAt: now, containerID: container.containerID))
                } else if container.state.waitingReason != nil {
                    container.state = .terminated(ContainerTermination(
                        exitCode: 137, reason: "ContainerStatusUnknown",
                        message: "The container could not be located when the pod was terminated"))
                }
                container.ready = false
                container.started = false
                pod[index] = container
            }
            pod.phase = "Failed"
            pod.podReason = "Evicted"
            pod.podMessage = message
            pod.sandboxReady = false
            pod.disruption = PodCondition(type: "DisruptionTarget", status: "True", reason: "TerminationByKubelet", message: message, lastTransitionTime: now)
            batch.podChanged = true
        }
    }

    /// `kubectl delete pod`: the apiserver sets deletionTimestamp (now + grace period); the
    /// kubelet stops the containers (SIGTERM: exit 143; grace 0: SIGKILL, 137), then the object
    /// is removed. Pods that are already finished are removed at once.
    public mutating func delete(now: Date, gracePeriodSeconds: Int? = nil) -> [ClusterWrite] {
        command(now: now) { pod, batch in
            guard pod.deletion == nil else { return }
            let grace = max(0, gracePeriodSeconds ?? pod.blueprint.terminationGracePeriodSeconds)
            pod.cancelAgenda()
            if pod.isTerminal || !pod.admitted {
                pod.isRemoved = true
                batch.removals.append(.delete(.pods, namespace: pod.namespace, name: pod.name))
                return
            }
            pod.deletion = PodDeletion(deadline: now.addingTimeInterval(TimeInterval(grace)), gracePeriodSeconds: grace)
            batch.podChanged = true
            for index in pod.allIndices where pod[index].state.isRunning {
                pod.kubeletEvent(index, reason: "Killing", message: "Stopping container \(pod[index].name)", now: now, batch: &batch)
                batch.log(pod, container: pod[index], text: LogScript.shutdown(container: pod[index].name, now: now))
            }
            pod.schedule(.stopContainers, at: now.addingTimeInterval(TimeInterval(min(grace, 1))))
        }
    }
}
