import Foundation
import KubeJSON

extension PodSimulation {
    /// A pod that has been running for a while: every init container completed (sidecars
    /// running), every container running and ready. No events or logs are produced for its past,
    /// which keeps bulk generation cheap. `spec` may be shared between pods of one ReplicaSet.
    static func alreadyRunning(
        blueprint: PodBlueprint, uid: String, volumeSuffix: String, spec: JSONValue, random: SeededRandom, since created: Date,
        images: [String: ImageReference] = [:]
    ) -> PodSimulation {
        let builder = PodObjectBuilder(blueprint: blueprint, uid: uid, volumeSuffix: volumeSuffix, creationTimestamp: created)
        var pod = PodSimulation(blueprint: blueprint, uid: uid, builder: builder, spec: spec, random: random, now: created, images: images)
        let admitted = created.addingTimeInterval(1)
        var clock = created.addingTimeInterval(2)
        pod.admitted = true
        pod.sandboxReady = true
        pod.startTime = admitted
        for index in pod.initContainers.indices {
            var container = pod.initContainers[index]
            container.imagePulled = true
            container.containerID = "containerd://\(pod.random.hex(64))"
            if container.role == .sidecar {
                container.state = .running(startedAt: clock)
                container.runningSince = clock
                container.started = true
            } else {
                container.state = .terminated(ContainerTermination(
                    exitCode: 0, reason: "Completed", startedAt: clock, finishedAt: clock.addingTimeInterval(1), containerID: container.containerID))
                clock = clock.addingTimeInterval(1)
            }
            container.ready = true
            container.initDone = true
            pod.initContainers[index] = container
        }
        clock = clock.addingTimeInterval(1)
        for index in pod.containers.indices {
            pod.containers[index].imagePulled = true
            pod.containers[index].containerID = "containerd://\(pod.random.hex(64))"
            pod.containers[index].state = .running(startedAt: clock)
            pod.containers[index].runningSince = clock
            pod.containers[index].started = true
            pod.containers[index].ready = true
        }
        pod.phase = "Running"
        pod.conditions = [
            PodCondition(type: "PodReadyToStartContainers", status: "True", lastTransitionTime: admitted),
            PodCondition(type: "Initialized", status: "True", lastTransitionTime: pod.initContainers.isEmpty ? created : clock),
            PodCondition(type: "Ready", status: "True", lastTransitionTime: clock.addingTimeInterval(1)),
            PodCondition(type: "ContainersReady", status: "True", lastTransitionTime: clock.addingTimeInterval(1)),
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: created),
        ]
        pod.lastStatusUpdate = clock.addingTimeInterval(1)
        return pod
    }
}
