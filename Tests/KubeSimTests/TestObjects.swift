import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1

/// Hand-built objects shaped like /work/shared/k8s-api/examples.
enum TestObjects {
    static func pod(
        _ name: String, namespace: String = "default", labels: [String: String] = [:], phase: String = "Running",
        nodeName: String? = "node-1", containers: [String] = ["app"]
    ) -> JSONValue {
        var labelObject = JSONObject()
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { labelObject[key] = .string(value) }
        var spec: JSONValue = [
            "containers": .array(containers.map { ["name": .string($0), "image": "busybox:1.36", "imagePullPolicy": "IfNotPresent",
                                                  "resources": [:], "terminationMessagePath": "/dev/termination-log",
                                                  "terminationMessagePolicy": "File"] }),
            "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler",
            "securityContext": [:], "serviceAccountName": "default", "terminationGracePeriodSeconds": 30,
        ]
        if let nodeName { spec["nodeName"] = .string(nodeName) }
        return [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": .object(labelObject)],
            "spec": spec,
            "status": ["phase": .string(phase), "qosClass": "BestEffort"],
        ]
    }

    /// Status of one container: running instance `current`, optionally a terminated `previous`.
    static func containerStatus(_ name: String, running current: String?, previous: String? = nil,
                                waitingReason: String? = nil, restartCount: Int64 = 0) -> JSONValue {
        var state: JSONValue = [:]
        if current != nil {
            state = ["running": ["startedAt": "2025-01-01T00:00:10Z"]]
        } else if let waitingReason {
            state = ["waiting": ["reason": .string(waitingReason), "message": "back-off"]]
        }
        var lastState: JSONValue = [:]
        if let previous {
            lastState = ["terminated": ["containerID": .string(previous), "exitCode": 1, "finishedAt": "2025-01-01T00:00:05Z",
                                        "reason": "Error", "startedAt": "2025-01-01T00:00:01Z"]]
        }
        var status: JSONValue = [
            "image": "busybox:1.36", "imageID": "", "lastState": lastState, "name": .string(name),
            "ready": .bool(current != nil), "restartCount": .int(restartCount), "started": .bool(current != nil), "state": state,
        ]
        if let current { status["containerID"] = .string(current) }
        return status
    }

    static func lease(_ name: String, holder: String, namespace: String = "kube-system") -> JSONValue {
        [
            "apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["holderIdentity": .string(holder), "leaseDurationSeconds": 15,
                     "acquireTime": "2025-01-01T00:00:00.000000Z", "renewTime": "2025-01-01T00:00:00.000000Z",
                     "leaseTransitions": 0],
        ]
    }
}
