import Foundation
import KubeletModel

/// What the fault tests share: a quiet cluster whose every failure is a command, and a configuration that sends
/// every alert once to one webhook and retries quickly.
enum FaultSetup {
    /// Healthy deployments in `prod`: one per name (container `app`) and the `sentinel` (container `s`) that
    /// `AlertPipelineEndToEndTests.drain` crashes last.
    static func scenario(_ workloads: [String]) -> Scenario {
        Scenario(
            namespaces: ["prod"], nodes: ["node-1"],
            workloads: (workloads + ["sentinel"]).map { name in
                WorkloadSpec(
                    kind: .deployment, name: name, namespace: "prod",
                    containers: [ContainerBlueprint(name: name == "sentinel" ? "s" : "app", image: "ghcr.io/acme/\(name):1")])
            },
            timeline: [])
    }

    /// A muninn.yaml: one webhook destination, no not-ready alerts or flood control, retries from 200 ms, no
    /// dashboard, then `store` (a `store:` section).
    static func configuration(cluster name: String, kubeconfig: String, webhookURL: String, store: String) -> String {
        """
        cluster:
          name: \(name)
        kubernetes:
          kubeconfig: \(kubeconfig)
        destinations:
          audit:
            type: webhook
            url: \(webhookURL)
        alerts:
          notReadyAfter: off
          flood:
            expiry: off
        delivery:
          retry:
            initial: 200ms
            max: 1s
        dashboard:
          enabled: false

        """ + store
    }

    /// `prod/<pod>` of each workload, the targets of crash commands.
    static func pods(of workloads: [String], in cluster: TestCluster) throws -> [String: String] {
        var pods: [String: String] = [:]
        for workload in workloads { pods[workload] = "prod/\(try cluster.podName(of: workload, in: "prod"))" }
        return pods
    }
}
