import Foundation
import KubeJSON

extension PodSimulation {
    /// The controller creates the pod and the scheduler binds it: the pod as first stored
    /// (Pending, only PodScheduled) and the scheduler's `Scheduled` event. The kubelet picks it up
    /// a second later.
    public mutating func create(now: Date) -> [ClusterWrite] {
        var batch = WriteBatch()
        batch.podChanged = true
        let pod = InvolvedObject(kind: "Pod", namespace: namespace, name: name, uid: uid)
        batch.events.append(events.recordNew(
            pod, type: "Normal", reason: "Scheduled", action: "Binding",
            message: "Successfully assigned \(namespace)/\(name) to \(blueprint.nodeName)",
            controller: "default-scheduler", instance: "default-scheduler-kind-control-plane", now: now, random: &random))
        schedule(.admit, at: now.addingTimeInterval(1))
        return batch.writes(pod: render())
    }

    /// Performs every transition due up to `now`, in time order, each at its own due time.
    public mutating func tick(now: Date) -> [ClusterWrite] {
        var writes: [ClusterWrite] = []
        while let due = agenda.first?.at, due <= now {
            var batch = WriteBatch()
            while let next = agenda.first, next.at == due {
                agenda.removeFirst()
                perform(next.action, at: due, batch: &batch)
            }
            if batch.podChanged {
                lastStatusUpdate = due
                refreshStatus(now: due)
            }
            writes += batch.writes(pod: render())
        }
        return writes
    }

    mutating func perform(_ action: PodAction, at now: Date, batch: inout WriteBatch) {
        if isRemoved { return }
        switch action {
        case .admit: admit(now: now, batch: &batch)
        case .pull(let index): pull(index, now: now, batch: &batch)
        case .create(let index): createContainer(index, now: now, batch: &batch)
        case .exit(let index, let exit, let containerID):
            guard self[index].containerID == containerID, self[index].state.isRunning else { return }
            containerExited(index, exit: exit, now: now, batch: &batch)
        case .backOff(let index): enterCrashLoopBackOff(index, now: now, batch: &batch)
        case .restart(let index):
            guard self[index].state.waitingReason == "CrashLoopBackOff" else { return }
            self[index].restartCount += 1
            createContainer(index, now: now, batch: &batch)
        case .imagePullBackOff(let index): enterImagePullBackOff(index, now: now, batch: &batch)
        case .backOffReminder(let index, let until): remindBackOff(index, until: until, now: now, batch: &batch)
        case .readiness(let index, let ready, let containerID):
            guard self[index].containerID == containerID, self[index].state.isRunning else { return }
            probeReadiness(index, ready: ready, now: now, batch: &batch)
        case .stopContainers: stopContainers(now: now, batch: &batch)
        case .remove:
            isRemoved = true
            cancelAgenda()
            batch.removals.append(.delete(.pods, namespace: namespace, name: name))
        }
    }

    // MARK: - Start-up

    private mutating func admit(now: Date, batch: inout WriteBatch) {
        admitted = true
        sandboxReady = true
        startTime = now
        let created = conditions.first?.lastTransitionTime ?? now
        conditions = [
            PodCondition(type: "PodReadyToStartContainers", status: "True", lastTransitionTime: now),
            PodCondition(type: "Initialized", status: "True", lastTransitionTime: created),
            PodCondition(type: "Ready", status: "False", lastTransitionTime: created),
            PodCondition(type: "ContainersReady", status: "False", lastTransitionTime: created),
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: created),
        ]
        batch.podChanged = true
        startNextContainers(now: now)
    }

    /// Starts the next init container, or all regular containers once initialisation is done.
    mutating func startNextContainers(now: Date) {
        if let next = initContainers.indices.first(where: { !initContainers[$0].initDone && !initContainers[$0].hasRun }) {
            // Init containers run one at a time; a sidecar counts as done once it has started.
            let blocked = initContainers[..<next].contains { $0.role == .initContainer && !$0.initDone }
            if !blocked { schedule(.pull(ContainerIndex(isInit: true, index: next)), at: now) }
            return
        }
        guard initContainers.allSatisfy({ $0.initDone }) else { return }
        for index in containers.indices where !containers[index].hasRun && containers[index].state.waitingReason != nil {
            let reference = ContainerIndex(isInit: false, index: index)
            if !agenda.contains(where: { $0.action == .pull(reference) || $0.action == .create(reference) }) {
                schedule(.pull(reference), at: now)
            }
        }
    }

    func involved(_ index: ContainerIndex) -> InvolvedObject {
        let path = index.isInit ? "spec.initContainers{\(self[index].name)}" : "spec.containers{\(self[index].name)}"
        return InvolvedObject(kind: "Pod", namespace: namespace, name: name, uid: uid, fieldPath: path)
    }

    mutating func kubeletEvent(_ index: ContainerIndex?, type: String = "Normal", reason: String, message: String, now: Date, batch: inout WriteBatch) {
        let object = index.map(involved) ?? InvolvedObject(kind: "Pod", namespace: namespace, name: name, uid: uid)
        batch.events.append(events.record(
            object, type: type, reason: reason, message: message, component: "kubelet", host: blueprint.nodeName,
            now: now, random: &random))
    }

    private mutating func pull(_ index: ContainerIndex, now: Date, batch: inout WriteBatch) {
        let container = self[index]
        let pullFails = if case .imagePullFailure = container.blueprint.behaviour { true } else { false }
        if container.imagePulled && !pullFails {
            schedule(.create(index), at: now)
            return
        }
        kubeletEvent(index, reason: "Pulling", message: "Pulling image \"\(container.blueprint.image)\"", now: now, batch: &batch)
        let pullTime: TimeInterval = pullFails ? 1 : Double(random.int(in: 1...3))
        schedule(.create(index), at: now.addingTimeInterval(pullTime))
    }

    private mutating func createContainer(_ index: ContainerIndex, now: Date, batch: inout WriteBatch) {
        var container = self[index]
        let image = container.image
        switch container.blueprint.behaviour {
        case .imagePullFailure:
            let error = "failed to pull and unpack image \"\(image.normalized)\": failed to resolve reference \"\(image.normalized)\": \(image.normalized): not found"
            kubeletEvent(index, type: "Warning", reason: "Failed", message: "Failed to pull image \"\(container.blueprint.image)\": \(error)", now: now, batch: &batch)
            kubeletEvent(index, type: "Warning", reason: "Failed", message: "Error: ErrImagePull", now: now, batch: &batch)
            container.state = .waiting(reason: "ErrImagePull", message: error)
            self[index] = container
            batch.podChanged = true
            schedule(.imagePullBackOff(index), at: now.addingTimeInterval(1))
            return
        default:
            break
        }
        if container.imagePulled {
            kubeletEvent(index, reason: "Pulled", message: "Container image \"\(container.blueprint.image)\" already present on machine", now: now, batch: &batch)
        } else {
            let milliseconds = random.int(in: 400...4000)
            let took = GoDuration.format(milliseconds: milliseconds)
            let waited = GoDuration.format(milliseconds: milliseconds + random.int(in: 0...50))
            kubeletEvent(index, reason: "Pulled", message: "Successfully pulled image \"\(container.blueprint.image)\" in \(took) (\(waited) including waiting). Image size: \(image.sizeInBytes) bytes.", now: now, batch: &batch)
            container.imagePulled = true
        }
        if case .configError(let message) = container.blueprint.behaviour {
            container.state = .waiting(reason: "CreateContainerConfigError", message: message)
            self[index] = container
            batch.podChanged = true
            kubeletEvent(index, type: "Warning", reason: "Failed", message: "Error: \(message)", now: now, batch: &batch)
            let delay = backOffDelay(failures: &self[index].pullFailures)
            schedule(.create(index), at: now.addingTimeInterval(delay))
            return
        }
        container.containerID = "containerd://\(random.hex(64))"
        kubeletEvent(index, reason: "Created", message: "Created container \(container.name)", now: now, batch: &batch)
        batch.podChanged = true
        if case .crashLoop(let exit, _) = container.blueprint.behaviour, exit.reason == "StartError" {
            container.state = .terminated(ContainerTermination(
                exitCode: exit.exitCode, reason: exit.reason, message: exit.message,
                startedAt: Date(timeIntervalSince1970: 0), finishedAt: now, containerID: container.containerID))
            container.started = false
            container.ready = false
            self[index] = container
            kubeletEvent(index, type: "Warning", reason: "Failed", message: "Error: \(exit.message ?? "failed to start container")", now: now, batch: &batch)
            afterExit(index, exit: exit, now: now)
            return
        }
        container.state = .running(startedAt: now)
        container.runningSince = now
        container.started = true
        container.ready = container.role != .initContainer
        self[index] = container
        kubeletEvent(index, reason: "Started", message: "Started container \(container.name)", now: now, batch: &batch)
        let text = container.role == .initContainer
            ? LogScript.initContainer(container: container.name, now: now)
            : LogScript.startup(container: container.name, image: container.blueprint.image, pod: name, now: now, random: &random)
        batch.log(self, container: container, text: text)
        scheduleBehaviour(index, startedAt: now)
        if container.role == .sidecar {
            // A started sidecar lets the next init container (or the main containers) go.
            initContainers[index.index].initDone = true
            startNextContainers(now: now)
        }
    }

    private mutating func scheduleBehaviour(_ index: ContainerIndex, startedAt now: Date) {
        guard let containerID = self[index].containerID else { return }
        switch self[index].blueprint.behaviour {
        case .healthy, .imagePullFailure, .configError:
            if self[index].role == .initContainer {
                schedule(.exit(index, .completed, containerID: containerID), at: now.addingTimeInterval(1))
            }
        case .crashLoop(let exit, let after):
            schedule(.exit(index, exit, containerID: containerID), at: now.addingTimeInterval(max(1, after)))
        case .completes(let after, let exitCode):
            let exit = exitCode == 0 ? ContainerExit.completed : ContainerExit.error(exitCode: exitCode)
            schedule(.exit(index, exit, containerID: containerID), at: now.addingTimeInterval(max(1, after)))
        case .flapReadiness(let period):
            schedule(.readiness(index, ready: false, containerID: containerID), at: now.addingTimeInterval(max(1, period)))
        }
    }

    /// 10 s, doubling per failure, capped at 5 minutes (the kubelet's default back-off).
    func backOffDelay(failures: inout Int) -> TimeInterval {
        let delay = min(10 * pow(2, Double(failures)), 300)
        failures += 1
        return delay
    }
}
