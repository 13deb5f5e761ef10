import Foundation
import MuninnCore

/// The alert `muninn test-notify` sends: what a real alert of each kind looks like, filled the way the
/// pipeline fills it, but labelled as a test everywhere a person looks (namespace, pod, message, first log line)
/// so nobody goes hunting for a crash that never happened.
enum SampleAlert {
    static let namespace = "muninn-test"
    static let workload = Alert.Workload(kind: "Deployment", name: "test-alert")
    static let pod = "test-alert-5c7d9f8b6-q2x7z"
    static let container = "app"
    static let node = "test-node-1"
    static let image = "registry.example.com/muninn/test-alert:1.4.2"
    /// Leads every sample's message: the label that survives every destination's layout.
    static let label = "[TEST] Sent by `muninn test-notify` to try this destination; nothing is broken."

    /// The sample of `kind` for `cluster`. `id` should differ between runs: receivers de-duplicate on it
    /// (webhook-id), and a second test must not be dropped as a repeat.
    static func make(kind: Alert.Kind, cluster: String, id: String, now: Date) -> Alert {
        var alert = Alert(
            id: id, kind: kind, cluster: cluster, namespace: namespace, pod: pod, container: container, node: node, workload: workload,
            image: image, occurredAt: now, seenLate: false)
        switch kind {
        case .crashed:
            alert.reason = "OOMKilled"
            alert.exitCode = 137
            alert.exitCodeMeaning = ExitCodeDescription.explain(exitCode: 137, reason: "OOMKilled")
            alert.restartCount = 3
            alert.restartsSeen = 1
            alert.message = label
            alert.logs = crashLog
            alert.events = [
                "Pulled: Container image \"\(image)\" already present on machine (x4)",
                "BackOff: Back-off restarting failed container \(container) in pod \(pod)_\(namespace)(test-uid) (x3)",
            ]
        case .cannotStart:
            alert.reason = "ImagePullBackOff"
            alert.image = "registry.example.com/muninn/test-alert:1.5.0"
            alert.message = label + "\nBack-off pulling image \"registry.example.com/muninn/test-alert:1.5.0\""
            alert.restartCount = 0
            alert.logsUnavailableReason = "the container has not started, so it has no logs"
            alert.events = [
                "Failed: Failed to pull image \"registry.example.com/muninn/test-alert:1.5.0\": manifest unknown (x3)",
                "BackOff: Back-off pulling image \"registry.example.com/muninn/test-alert:1.5.0\" (x5)",
            ]
        case .notReady:
            alert.container = nil
            alert.reason = "ContainersNotReady"
            alert.message = label + "\ncontainers with unready status: [app] (not Ready for 5m)"
            alert.events = [
                "Unhealthy: Readiness probe failed: HTTP probe failed with statuscode: 503 (x30)",
                "Unhealthy: Readiness probe failed: Get \"http://10.244.1.17:8080/ready\": context deadline exceeded (x4)",
            ]
        case .evicted:
            alert.container = nil
            alert.reason = "Evicted"
            alert.message = label + "\nThe node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi. "
                + "Container app was using 1210Mi, request is 512Mi, has larger consumption of memory."
            alert.events = [
                "Evicted: The node was low on resource: memory.",
                "Node \(node): MemoryPressure is True (KubeletHasInsufficientMemory: kubelet has insufficient memory available)",
            ]
        case .failed:
            alert.container = nil
            alert.reason = "DeadlineExceeded"
            alert.message = label + "\nPod was active on the node longer than the specified deadline"
            alert.events = ["DeadlineExceeded: Pod was active on the node longer than the specified deadline"]
        case .recovered:
            alert.restartCount = 3
            alert.message = label + "\nThe container is running again."
            alert.events = ["Started: Started container \(container)", "Pulled: Container image \"\(image)\" already present on machine"]
        }
        return alert
    }

    /// Short, with a stack trace, as the last lines of a JVM service killed for its memory look.
    static let crashLog = """
        TEST ALERT: sample log from muninn test-notify
        2026-01-01T12:00:00.120Z INFO  checkout.Server - listening on :8080
        2026-01-01T12:00:41.917Z WARN  checkout.CartCache - heap at 94% of 512Mi, evicting 2,048 carts
        2026-01-01T12:00:42.305Z ERROR checkout.OrderWorker - order batch failed
        java.lang.OutOfMemoryError: Java heap space
            at java.base/java.util.Arrays.copyOf(Arrays.java:3537)
            at java.base/java.lang.AbstractStringBuilder.ensureCapacityInternal(AbstractStringBuilder.java:228)
            at example.checkout.CartSerializer.write(CartSerializer.java:88)
            at example.checkout.OrderWorker.run(OrderWorker.java:141)
            at java.base/java.lang.Thread.run(Thread.java:1583)
        """
}
