import Foundation
import KubeAPI

extension CrashDetector {
    /// One container status: terminations first (they end a waiting stretch), then its current waiting or running state.
    func observeContainer(
        _ status: ContainerStatus, role: Incident.Role, facts: PodFacts, memory: inout ContainerMemory, now: Date,
        into incidents: inout [Incident]
    ) {
        let restartCount = max(0, status.restartCount)
        // lastState is the older instance, so it goes first; both can be new in one update (a jump).
        if let last = status.lastState.terminatedDetails {
            observeTermination(
                last, attempt: max(0, restartCount - 1), isCurrent: false, status: status, role: role, facts: facts, memory: &memory,
                now: now, into: &incidents)
        }
        if let current = status.state.terminatedDetails {
            observeTermination(
                current, attempt: restartCount, isCurrent: true, status: status, role: role, facts: facts, memory: &memory, now: now,
                into: &incidents)
        }
        let hasRecord = status.lastState.terminatedDetails != nil || status.state.terminatedDetails != nil
        if !hasRecord && restartCount > memory.accountedRestarts {
            observeRestartWithoutRecord(status, role: role, facts: facts, memory: &memory, now: now, into: &incidents)
        }
        memory.accountedRestarts = max(memory.accountedRestarts, restartCount)
        observeWaitingOrRunning(status, role: role, facts: facts, memory: &memory, now: now, into: &incidents)
    }

    /// Reports a termination instance the first time any status shows it: as `state.terminated` (the moment
    /// the container stops) or, if that update was missed, as `lastState.terminated` beside CrashLoopBackOff or a
    /// new running instance. Never again afterwards.
    private func observeTermination(
        _ details: ContainerState.Terminated, attempt: Int, isCurrent: Bool, status: ContainerStatus, role: Incident.Role,
        facts: PodFacts, memory: inout ContainerMemory, now: Date, into incidents: inout [Incident]
    ) {
        // A clean exit is never reported, so it need not be remembered: every pod with a completed init
        // container would otherwise cost memory. Its restarts are still counted through restartCount.
        guard Self.isFailure(details) else { return }
        let instance = Self.instanceKey(details, attempt: attempt)
        let fingerprint = InstanceFingerprint.of(instance)
        guard !memory.knows(fingerprint) else { return }
        memory.remember(fingerprint)
        memory.endWaitingStretch()

        let restartCount = max(0, status.restartCount)
        let restartsSeen: Int
        if isCurrent {
            // The kubelet raises restartCount only when it starts the next instance: this one is not counted yet.
            restartsSeen = max(1, ClampedArithmetic.sum(ClampedArithmetic.difference(restartCount, memory.accountedRestarts), 1))
            memory.accountedRestarts = max(memory.accountedRestarts, ClampedArithmetic.sum(restartCount, 1))
        } else {
            restartsSeen = max(1, ClampedArithmetic.difference(restartCount, memory.accountedRestarts))
            memory.accountedRestarts = max(memory.accountedRestarts, restartCount)
        }

        guard !suppressesTermination(of: role, facts: facts) else { return }
        var incident = facts.incident(.containerTerminated, identity: "\(facts.uid)/\(status.name)/\(instance)", now: now)
        incident.container = status.name
        incident.role = role
        incident.image = status.image ?? facts.specImage(of: status.name)
        incident.reason = details.reason
        incident.message = details.message
        incident.exitCode = details.exitCode
        incident.signal = details.signal
        incident.startedAt = details.startedAt?.date
        incident.finishedAt = details.finishedAt?.date
        incident.restartCount = restartCount
        incident.restartsSeen = restartsSeen
        incident.containerID = Self.nonEmpty(details.containerID)
        incident.terminatedInstanceIsCurrent = isCurrent
        incidents.append(incident)
    }

    /// The restart count rose but the status shows no termination at all (the runtime lost the old container):
    /// still a restart, reported without details.
    private func observeRestartWithoutRecord(
        _ status: ContainerStatus, role: Incident.Role, facts: PodFacts, memory: inout ContainerMemory, now: Date,
        into incidents: inout [Incident]
    ) {
        let restartCount = max(0, status.restartCount)
        let restartsSeen = max(1, ClampedArithmetic.difference(restartCount, memory.accountedRestarts))
        let previous = memory.accountedRestarts
        memory.accountedRestarts = restartCount
        memory.endWaitingStretch()
        guard !suppressesTermination(of: role, facts: facts) else { return }
        let instance = "attempt-\(restartCount - 1)"
        var incident = facts.incident(.containerTerminated, identity: "\(facts.uid)/\(status.name)/\(instance)", now: now)
        incident.container = status.name
        incident.role = role
        incident.image = status.image ?? facts.specImage(of: status.name)
        incident.message = "The restart count rose from \(previous) to \(restartCount), but the status carries no termination record."
        incident.restartCount = restartCount
        incident.restartsSeen = restartsSeen
        incidents.append(incident)
    }

    /// Kills that are the consequence of something else are not container crashes: a pod deletion (rollout,
    /// scale-down, `kubectl delete`), a pod-level failure already reported as such (eviction, deadline, node
    /// shutdown), and sidecars stopped because every regular container has finished.
    func suppressesTermination(of role: Incident.Role, facts: PodFacts) -> Bool {
        if facts.deleting && !configuration.reportDeletionKills { return true }
        if facts.failureReason != nil { return true }
        if role == .sidecar && facts.regularContainersFinished { return true }
        return false
    }

    /// Keyed on `reason` first: OOMKilled has been seen with exit codes 0, 1 and 143. Only a clean `Completed`
    /// (or reason-less) exit 0 is not a failure.
    static func isFailure(_ details: ContainerState.Terminated) -> Bool {
        switch details.reason {
        case nil, "", "Completed": details.exitCode != 0
        default: true
        }
    }

    /// Which instance terminated: its container ID; else its finish time; else its attempt number (restartCount
    /// for `state`, one less for `lastState`, so the same instance keeps its key when it moves to `lastState`).
    static func instanceKey(_ details: ContainerState.Terminated, attempt: Int) -> String {
        if let containerID = nonEmpty(details.containerID) { return containerID }
        if let finishedAt = details.finishedAt { return finishedAt.description }
        return "attempt-\(attempt)"
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }
}
