import Foundation
import KubeJSON

/// READY, STATUS and RESTARTS of `kubectl get pods`, computed as the server's printer does
/// (kubernetes/kubernetes pkg/printers/internalversion/printers.go `printPod`; PROTOCOL.md §10.9).
struct PodStatusSummary {
    var ready: String
    var status: String
    var restarts: String

    init(pod: JSONValue, now: Date) {
        let spec = pod["spec"] ?? .null
        let status = pod["status"] ?? .null
        let initSpecs = spec["initContainers"]?.arrayValue ?? []
        let restartableInit = Set(initSpecs.filter { $0["restartPolicy"] == "Always" }.compactMap { $0["name"]?.stringValue })
        var totalContainers = (spec["containers"]?.arrayValue ?? []).count + restartableInit.count
        var readyContainers = 0
        var restarts: Int64 = 0
        var lastRestart: Date?
        var sidecarRestarts: Int64 = 0
        var lastSidecarRestart: Date?
        var reason = status["phase"]?.stringValue ?? ""
        if let podReason = status["reason"]?.stringValue, !podReason.isEmpty { reason = podReason }
        let conditions = status["conditions"]?.arrayValue ?? []
        if conditions.contains(where: { $0["type"] == "PodScheduled" && $0["reason"] == "SchedulingGated" }) {
            reason = "SchedulingGated"
        }
        func finishedAt(_ container: JSONValue) -> Date? {
            container[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(KubeTime.parse)
        }
        var initializing = false
        let initStatuses = status["initContainerStatuses"]?.arrayValue ?? []
        for (index, container) in initStatuses.enumerated() {
            let count = container["restartCount"]?.intValue ?? 0
            restarts += count
            if let date = finishedAt(container), lastRestart.map({ $0 < date }) ?? true { lastRestart = date }
            let name = container["name"]?.stringValue ?? ""
            if restartableInit.contains(name) {
                sidecarRestarts += count
                if let date = finishedAt(container), lastSidecarRestart.map({ $0 < date }) ?? true { lastSidecarRestart = date }
                if container["started"]?.boolValue == true {
                    if container["ready"]?.boolValue == true { readyContainers += 1 }
                    continue
                }
            }
            let terminated = container[path: ["state", "terminated"]]
            let waiting = container[path: ["state", "waiting"]]
            if let terminated, terminated["exitCode"]?.intValue ?? 0 == 0 { continue }
            if let terminated {
                let terminatedReason = terminated["reason"]?.stringValue ?? ""
                if terminatedReason.isEmpty {
                    let signal = terminated["signal"]?.intValue ?? 0
                    reason = signal != 0 ? "Init:Signal:\(signal)" : "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                } else {
                    reason = "Init:" + terminatedReason
                }
            } else if let waitingReason = waiting?["reason"]?.stringValue, !waitingReason.isEmpty,
                      waitingReason != "PodInitializing"
            {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(index)/\(initSpecs.count)"
            }
            initializing = true
            break
        }
        let initializedCondition = conditions.contains { $0["type"] == "Initialized" && $0["status"] == "True" }
        if !initializing || initializedCondition {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for container in (status["containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += container["restartCount"]?.intValue ?? 0
                if let date = finishedAt(container), lastRestart.map({ $0 < date }) ?? true { lastRestart = date }
                let waitingReason = container[path: ["state", "waiting", "reason"]]?.stringValue ?? ""
                let terminated = container[path: ["state", "terminated"]]
                if !waitingReason.isEmpty {
                    reason = waitingReason
                } else if let terminated, let terminatedReason = terminated["reason"]?.stringValue, !terminatedReason.isEmpty {
                    reason = terminatedReason
                } else if let terminated {
                    let signal = terminated["signal"]?.intValue ?? 0
                    reason = signal != 0 ? "Signal:\(signal)" : "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                } else if container["ready"]?.boolValue == true, container[path: ["state", "running"]] != nil {
                    hasRunning = true
                    readyContainers += 1
                }
            }
            if reason == "Completed", hasRunning {
                reason = conditions.contains { $0["type"] == "Ready" && $0["status"] == "True" } ? "Running" : "NotReady"
            }
        }
        let deleting = pod[path: ["metadata", "deletionTimestamp"]].map { !$0.isNull } ?? false
        let phase = status["phase"]?.stringValue ?? ""
        if deleting, status["reason"] == "NodeLost" {
            reason = "Unknown"
        } else if deleting, phase != "Succeeded", phase != "Failed" {
            reason = "Terminating"
        }
        totalContainers = max(totalContainers, 0)
        self.ready = "\(readyContainers)/\(totalContainers)"
        self.status = reason
        if restarts != 0, let lastRestart {
            self.restarts = "\(restarts) (\(HumanDuration.format(now.timeIntervalSince(lastRestart))) ago)"
        } else {
            self.restarts = "\(restarts)"
        }
    }
}
