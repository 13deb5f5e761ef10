import Foundation
import KubeJSON

extension PodSimulation {
    mutating func containerExited(_ index: ContainerIndex, exit: ContainerExit, now: Date, batch: inout WriteBatch) {
        var container = self[index]
        var text = LogScript.lastWords(exit.lastWords, container: container.name, exitCode: exit.exitCode, now: now, random: &random)
        if !exit.isFailure && container.role == .regular {
            text = LogScript.completion(container: container.name, now: now, random: &random)
        }
        batch.log(self, container: container, text: text)
        container.state = .terminated(ContainerTermination(
            exitCode: exit.exitCode, signal: exit.signal, reason: exit.reason, message: exit.message,
            startedAt: container.runningSince, finishedAt: now, containerID: container.containerID))
        container.ready = false
        container.started = false
        self[index] = container
        batch.podChanged = true
        if exit.reason == "OOMKilled" {
            let node = InvolvedObject(kind: "Node", namespace: nil, name: blueprint.nodeName, uid: blueprint.nodeName)
            let pid = random.int(in: 2000...60000)
            let anon = random.int(in: 100_000...900_000)
            batch.events.append(events.record(
                node, type: "Warning", reason: "OOMKilling",
                message: "Memory cgroup out of memory: Killed process \(pid) (\(container.name)) total-vm:\(anon + 1_200_000)kB, anon-rss:\(anon)kB, file-rss:\(random.int(in: 1000...40000))kB, shmem-rss:0kB, UID:0 pgtables:\(random.int(in: 400...4000))kB oom_score_adj:\(random.int(in: 900...999))",
                component: "kernel-monitor", host: blueprint.nodeName, now: now, random: &random))
        }
        afterExit(index, exit: exit, now: now)
    }

    /// What the kubelet does next with an exited container: the next init container, a restart
    /// after back-off, or nothing (the pod may then be finished).
    mutating func afterExit(_ index: ContainerIndex, exit: ContainerExit, now: Date) {
        let container = self[index]
        if container.role == .initContainer && !exit.isFailure {
            self[index].initDone = true
            self[index].ready = true
            startNextContainers(now: now)
            return
        }
        if deletion == nil && container.restarts(after: exit, policy: blueprint.restartPolicy) {
            schedule(.backOff(index), at: now.addingTimeInterval(1))
        }
    }

    mutating func enterCrashLoopBackOff(_ index: ContainerIndex, now: Date, batch: inout WriteBatch) {
        guard case .terminated(let termination) = self[index].state, deletion == nil, !isTerminal else { return }
        var container = self[index]
        if let since = container.runningSince, let finished = termination.finishedAt, finished.timeIntervalSince(since) >= 600 {
            container.crashes = 0
        }
        let delay = backOffDelay(failures: &container.crashes)
        container.lastState = termination
        container.state = .waiting(
            reason: "CrashLoopBackOff",
            message: "back-off \(GoDuration.format(seconds: Int(delay))) restarting failed container=\(container.name) pod=\(name)_\(namespace)(\(uid))")
        self[index] = container
        batch.podChanged = true
        kubeletEvent(index, type: "Warning", reason: "BackOff",
                     message: "Back-off restarting failed container \(container.name) in pod \(name)_\(namespace)(\(uid))", now: now, batch: &batch)
        schedule(.restart(index), at: now.addingTimeInterval(delay))
        scheduleBackOffReminder(index, until: now.addingTimeInterval(delay), now: now)
    }

    /// While a back-off lasts, the kubelet's periodic pod syncs keep hitting it and repeat the
    /// BackOff event, which is why real BackOff events reach counts in the tens.
    mutating func scheduleBackOffReminder(_ index: ContainerIndex, until end: Date, now: Date) {
        let next = now.addingTimeInterval(TimeInterval(random.int(in: 10...20)))
        if next < end { schedule(.backOffReminder(index, until: end), at: next) }
    }

    mutating func remindBackOff(_ index: ContainerIndex, until end: Date, now: Date, batch: inout WriteBatch) {
        let container = self[index]
        switch container.state.waitingReason {
        case "CrashLoopBackOff":
            kubeletEvent(index, type: "Warning", reason: "BackOff",
                         message: "Back-off restarting failed container \(container.name) in pod \(name)_\(namespace)(\(uid))", now: now, batch: &batch)
        case "ImagePullBackOff":
            kubeletEvent(index, reason: "BackOff", message: "Back-off pulling image \"\(container.blueprint.image)\"", now: now, batch: &batch)
            kubeletEvent(index, type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff", now: now, batch: &batch)
        default:
            return
        }
        scheduleBackOffReminder(index, until: end, now: now)
    }

    mutating func enterImagePullBackOff(_ index: ContainerIndex, now: Date, batch: inout WriteBatch) {
        guard self[index].state.waitingReason == "ErrImagePull" else { return }
        let image = self[index].blueprint.image
        self[index].state = .waiting(reason: "ImagePullBackOff", message: "Back-off pulling image \"\(image)\"")
        batch.podChanged = true
        kubeletEvent(index, reason: "BackOff", message: "Back-off pulling image \"\(image)\"", now: now, batch: &batch)
        kubeletEvent(index, type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff", now: now, batch: &batch)
        let delay = backOffDelay(failures: &self[index].pullFailures)
        schedule(.pull(index), at: now.addingTimeInterval(delay))
        scheduleBackOffReminder(index, until: now.addingTimeInterval(delay), now: now)
    }

    mutating func probeReadiness(_ index: ContainerIndex, ready: Bool, now: Date, batch: inout WriteBatch) {
        guard self[index].ready != ready else { return }
        self[index].ready = ready
        batch.podChanged = true
        if !ready {
            kubeletEvent(index, type: "Warning", reason: "Unhealthy",
                         message: "Readiness probe failed: HTTP probe failed with statuscode: 503", now: now, batch: &batch)
            batch.log(self, container: self[index], text: LogScript.readinessFailure(now: now))
        }
        if case .flapReadiness(let period) = self[index].blueprint.behaviour, let containerID = self[index].containerID {
            schedule(.readiness(index, ready: !ready, containerID: containerID), at: now.addingTimeInterval(max(1, period)))
        }
    }

    mutating func stopContainers(now: Date, batch: inout WriteBatch) {
        let exitCode = (deletion?.gracePeriodSeconds ?? 1) == 0 ? 137 : 143
        for index in allIndices where self[index].state.isRunning {
            var container = self[index]
            container.state = .terminated(ContainerTermination(
                exitCode: exitCode, reason: "Error", startedAt: container.runningSince, finishedAt: now, containerID: container.containerID))
            container.ready = false
            container.started = false
            self[index] = container
        }
        phase = "Failed"
        sandboxReady = false
        batch.podChanged = true
        schedule(.remove, at: now.addingTimeInterval(1))
    }
}
