/// Leader election on a coordination.k8s.io/v1 Lease with client-go's timing rules.
///
/// The defaults are client-go's usual 15 s / 10 s / 2 s: a leader that cannot renew for `renewDeadline` stops
/// leading, while other candidates wait `leaseDuration` after they last saw the lease change before taking it,
/// so the old leader has stopped well before a new one starts.
public struct LeaderElectionConfig: Sendable, Hashable {
    public var namespace: String
    public var leaseName: String
    /// This candidate's name in `spec.holderIdentity`; unique per replica (pod name plus a random suffix).
    public var identity: String
    public var leaseDuration: Duration
    public var renewDeadline: Duration
    public var retryPeriod: Duration
    /// Hand the lease over at once on shutdown (holder emptied, duration 1 s) instead of letting it expire.
    public var releaseOnShutdown: Bool

    public init(
        namespace: String, leaseName: String, identity: String, leaseDuration: Duration = .seconds(15),
        renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2), releaseOnShutdown: Bool = true
    ) {
        self.namespace = namespace
        self.leaseName = leaseName
        self.identity = identity
        self.leaseDuration = leaseDuration
        self.renewDeadline = renewDeadline
        self.retryPeriod = retryPeriod
        self.releaseOnShutdown = releaseOnShutdown
    }

    /// client-go's rule `leaseDuration > renewDeadline > retryPeriod * 1.2`, plus non-empty names.
    /// - Returns: what is wrong, or nil when the configuration is usable.
    public var problem: String? {
        if namespace.isEmpty { return "the lease namespace is empty" }
        if leaseName.isEmpty { return "the lease name is empty" }
        if identity.isEmpty { return "the candidate identity is empty" }
        if retryPeriod <= .zero { return "retryPeriod must be positive" }
        if !(leaseDuration > renewDeadline) { return "leaseDuration (\(leaseDuration)) must be longer than renewDeadline (\(renewDeadline))" }
        if !(renewDeadline > retryPeriod * 1.2) {
            return "renewDeadline (\(renewDeadline)) must be longer than 1.2 x retryPeriod (\(retryPeriod))"
        }
        return nil
    }
}
