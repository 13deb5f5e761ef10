import Foundation
import KubeAPI

/// `leaderElection:`: several replicas, one leader on a coordination.k8s.io/v1 Lease. Only the leader detects and
/// delivers; every replica serves the dashboard from the shared (PostgreSQL) store.
struct LeaderElectionSettings: Equatable {
    var enabled = false
    /// Defaults to the pod's namespace (`POD_NAMESPACE`, or the service account's namespace file), else `default`.
    var namespace: String?
    var leaseName = "muninn"
    /// Defaults to the pod name (`POD_NAME`, else the host name) plus a random suffix, so a restarted pod is a new
    /// candidate and never mistakes an old term for its own.
    var identity: String?
    var leaseDuration: Duration = .seconds(15)
    var renewDeadline: Duration = .seconds(10)
    var retryPeriod: Duration = .seconds(2)
    var releaseOnShutdown = true

    /// One line for `check-config`.
    var summary: String {
        guard enabled else { return "leader election: off (one replica)" }
        return "leader election: on, lease \(namespace ?? "<pod namespace>")/\(leaseName), duration \(ConfigDuration.text(leaseDuration)), "
            + "renew deadline \(ConfigDuration.text(renewDeadline)), retry \(ConfigDuration.text(retryPeriod))"
    }

    /// The election as configured, defaults filled in from the pod's environment.
    func config(environment: [String: String], namespaceFile: String = "/var/run/secrets/kubernetes.io/serviceaccount/namespace") -> LeaderElectionConfig {
        let podNamespace = environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (try? String(contentsOfFile: namespaceFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        let podName = environment["POD_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? ProcessInfo.processInfo.hostName
        let suffix = String(UInt32.random(in: .min ... .max), radix: 16)
        return LeaderElectionConfig(
            namespace: namespace ?? podNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default", leaseName: leaseName,
            identity: identity ?? "\(podName)_\(suffix)", leaseDuration: leaseDuration, renewDeadline: renewDeadline, retryPeriod: retryPeriod,
            releaseOnShutdown: releaseOnShutdown)
    }
}
