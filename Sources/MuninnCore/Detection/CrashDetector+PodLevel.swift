import Foundation
import KubeAPI

extension CrashDetector {
    /// `podEvicted`/`podFailed` once per pod: phase Failed with a pod-level reason. A Failed pod without a reason
    /// failed because its containers did, and those are reported as terminations.
    func observeFailure(facts: PodFacts, memory: inout PodMemory, now: Date, into incidents: inout [Incident]) {
        guard let reason = facts.failureReason, !memory.failureReported else { return }
        memory.failureReported = true
        let evicted = reason == "Evicted"
        // An eviction is never the deletion's doing; other failures of a pod being deleted are.
        if facts.deleting && !evicted && !configuration.reportDeletionKills { return }
        let kind: Incident.Kind = evicted ? .podEvicted : .podFailed
        var incident = facts.incident(kind, identity: "\(facts.uid)/\(kind.rawValue):\(reason)", now: now)
        incident.reason = reason
        incident.message = facts.failureMessage
        incidents.append(incident)
    }

    /// Times pods that are not Ready (kube-slack's long-not-ready monitor): the clock starts at the Ready
    /// condition's lastTransitionTime. Completed (Succeeded, reason PodCompleted), Failed and terminating pods
    /// are excluded. A pod without a Ready condition that cannot be scheduled is timed from PodScheduled=False,
    /// which kube-slack never reports.
    mutating func observeReadiness(_ pod: Pod, facts: PodFacts, memory: inout PodMemory, now: Date, into incidents: inout [Incident]) {
        let conditions = pod.status.conditions
        let ready = conditions.first { $0.type == "Ready" }
        let finished = facts.phase == "Succeeded" || facts.phase == "Failed"
        var unready: PodCondition?
        if !facts.deleting && !finished {
            if let ready {
                if ready.status != "True" && ready.reason != "PodCompleted" { unready = ready }
            } else if let scheduled = conditions.first(where: { $0.type == "PodScheduled" }), scheduled.status == "False" {
                unready = scheduled
            }
        }

        guard let unready else {
            let watch = notReady.removeValue(forKey: facts.key)
            guard memory.notReadyReported else { return }
            let announced = !memory.notReadyBaselined
            memory.notReadyReported = false
            memory.notReadyBaselined = false
            guard configuration.reportRecovery, announced, ready?.status == "True" else { return }
            var incident = facts.incident(
                .readyAgain, identity: "\(facts.uid)/readyAgain:\(ready?.lastTransitionTime?.description ?? KubeTime(now).description)", now: now)
            incident.reason = ready?.reason
            incident.message = "The pod is Ready again."
            incident.notReadySince = watch?.since
            incidents.append(incident)
            return
        }

        var watch = notReady[facts.key] ?? NotReadyWatch(uid: facts.uid, since: unready.lastTransitionTime?.date ?? now)
        watch.node = facts.node
        watch.owner = facts.owner
        watch.reason = unready.reason
        watch.message = unready.message
        watch.labels = facts.labels
        watch.annotations = facts.annotations
        notReady[facts.key] = watch
        if let incident = notReadyIncident(key: facts.key, watch: watch, memory: &memory, now: now) {
            incidents.append(incident)
        }
    }

    /// Once per unready stretch, when it has lasted at least the threshold.
    func notReadyIncident(key: ObjectKey, watch: NotReadyWatch, memory: inout PodMemory, now: Date) -> Incident? {
        guard let threshold = configuration.notReadyThreshold, !memory.notReadyReported,
            now.timeIntervalSince(watch.since) >= threshold
        else { return nil }
        memory.notReadyReported = true
        return Incident(
            kind: .notReady, namespace: key.namespace, podName: key.name, podUID: watch.uid, node: watch.node, owner: watch.owner,
            reason: watch.reason ?? "NotReady", message: watch.message, notReadySince: watch.since,
            identity: "\(watch.uid)/notReady:\(KubeTime(watch.since).description)", observedAt: now, labels: watch.labels,
            annotations: watch.annotations)
    }
}
