import Foundation
import KubeAPI

extension CrashDetector {
    /// `cannotStart` once per waiting episode; `runningAgain` (optional) when the container runs and is ready.
    ///
    /// An episode is one waiting stretch of one container instance with one reason family. ErrImagePull and
    /// ImagePullBackOff alternate on every pull attempt, so they are one family ("ImagePull"); CrashLoopBackOff
    /// continues whatever episode is open. The stretch ends when the container terminates or runs and is ready.
    func observeWaitingOrRunning(
        _ status: ContainerStatus, role: Incident.Role, facts: PodFacts, memory: inout ContainerMemory, now: Date,
        into incidents: inout [Incident]
    ) {
        switch status.state {
        case .waiting(let reason, let message):
            guard let reason = Self.nonEmpty(reason), !configuration.benignWaitingReasons.contains(reason) else { return }
            // CrashLoopBackOff beside a failed termination is a crash loop: the termination incidents cover it.
            // Beside a clean exit (a Deployment's container that keeps finishing) nothing else would tell.
            if reason == Self.crashLoopBackOff, let last = status.lastState.terminatedDetails, Self.isFailure(last) { return }
            let family = Self.waitingFamily(reason)
            if memory.waitingFamilies.contains(family) { return }
            if reason == Self.crashLoopBackOff && !memory.waitingFamilies.isEmpty { return }
            guard memory.waitingFamilies.count < ContainerMemory.maximumWaitingFamilies else { return }
            memory.waitingFamilies.append(family)
            if facts.deleting && !configuration.reportDeletionKills { return }
            let restartCount = max(0, status.restartCount)
            var incident = facts.incident(.cannotStart, identity: "\(facts.uid)/\(status.name)/cannotStart:\(restartCount):\(family)", now: now)
            incident.container = status.name
            incident.role = role
            incident.image = status.image ?? facts.specImage(of: status.name)
            incident.reason = reason
            incident.message = message
            incident.restartCount = restartCount
            incidents.append(incident)
        case .running:
            guard status.ready, !memory.waitingFamilies.isEmpty else { return }
            let families = memory.waitingFamilies
            let announced = !memory.waitingBaselined
            memory.endWaitingStretch()
            guard configuration.reportRecovery, announced, !facts.deleting else { return }
            let restartCount = max(0, status.restartCount)
            let episode = families.joined(separator: "+")
            var incident = facts.incident(.runningAgain, identity: "\(facts.uid)/\(status.name)/runningAgain:\(restartCount):\(episode)", now: now)
            incident.container = status.name
            incident.role = role
            incident.image = status.image ?? facts.specImage(of: status.name)
            incident.reason = families.first
            incident.message = "Running and ready again after \(families.joined(separator: ", "))."
            incident.restartCount = restartCount
            incident.containerID = Self.nonEmpty(status.containerID)
            incidents.append(incident)
        case .terminated:
            memory.endWaitingStretch()
        case .empty:
            return
        }
    }

    static let crashLoopBackOff = "CrashLoopBackOff"

    static func waitingFamily(_ reason: String) -> String {
        switch reason {
        case "ErrImagePull", "ImagePullBackOff": "ImagePull"
        default: reason
        }
    }
}
