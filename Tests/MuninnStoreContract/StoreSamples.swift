import Foundation
import MuninnCore

/// Small, fixed values for the store tests: whole-second dates, readable identities.
public enum StoreSamples {
    public static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// What the stores under test read from their clock: every incident is queued at this moment.
    public static let queueTime = Date(timeIntervalSince1970: 1_600_000_000)

    public static func at(_ seconds: Int) -> Date { start.addingTimeInterval(TimeInterval(seconds)) }

    public static func incident(_ identity: String, pod: String = "api-7d9f", namespace: String = "shop", observedAt: Date = start) -> Incident {
        Incident(
            kind: .containerTerminated, namespace: namespace, podName: pod, podUID: "uid-\(pod)", node: "node-1", container: "app",
            role: .regular, image: "shop/api:1.2", reason: "OOMKilled", message: "out of memory", exitCode: 137, signal: 9,
            startedAt: observedAt.addingTimeInterval(-60), finishedAt: observedAt.addingTimeInterval(-1), restartCount: 3, restartsSeen: 1,
            containerID: "containerd://\(identity)", identity: identity, observedAt: observedAt)
    }

    public static func alert(for queued: QueuedIncident) -> Alert {
        let incident = queued.incident
        return Alert(
            id: incident.identity, kind: .crashed, cluster: queued.cluster, namespace: incident.namespace, pod: incident.podName,
            container: incident.container, node: incident.node, workload: Alert.Workload(kind: "Deployment", name: "api"),
            image: incident.image, reason: incident.reason, exitCode: incident.exitCode, signal: incident.signal,
            exitCodeMeaning: "killed by SIGKILL (often the OOM killer)", message: incident.message, restartCount: incident.restartCount,
            restartsSeen: incident.restartsSeen, occurredAt: incident.finishedAt ?? incident.observedAt, logs: "line 1\nline 2\n<!channel>",
            events: ["BackOff: Back-off restarting failed container"], seenLate: incident.seenLate)
    }

    public static func podRecord(_ name: String, namespace: String = "shop", terminations: [String] = ["00000000000000aa"]) -> DetectionState.PodRecord {
        DetectionState.PodRecord(
            namespace: namespace, name: name, uid: "uid-\(name)", failureReported: true,
            containers: [DetectionState.ContainerRecord(list: "containers", name: "app", restartCount: 3, terminations: terminations)])
    }

    public static func update(_ record: DetectionState.PodRecord) -> PodStateUpdate {
        PodStateUpdate(namespace: record.namespace, name: record.name, record: record)
    }

    public static func forget(_ name: String, namespace: String = "shop") -> PodStateUpdate {
        PodStateUpdate(namespace: namespace, name: name, record: nil)
    }

    public static let opsLane = DeliveryLane(destination: "slack-main", channel: "#ops")
    public static let devLane = DeliveryLane(destination: "slack-main", channel: "#dev")
    public static let webhookLane = DeliveryLane(destination: "webhook", channel: nil)
}
