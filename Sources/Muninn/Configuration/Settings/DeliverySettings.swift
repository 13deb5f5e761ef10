/// `delivery:`: how long and how often the outbox keeps trying a destination.
struct DeliverySettings: Equatable {
    /// A delivery still failing this long after its alert was queued is recorded as failed.
    var maxAge: Duration = .seconds(6 * 3600)
    /// The first retry waits `initialRetry`; each next one twice as long, at most `maxRetry`.
    var initialRetry: Duration = .seconds(2)
    var maxRetry: Duration = .seconds(300)
    /// On SIGTERM, what is queued keeps being delivered this long before Muninn stops (zero: stop at once). A bit
    /// under Kubernetes' default 30 s `terminationGracePeriodSeconds`, so a rollout does not hold alerts back.
    var drainTimeout: Duration = .seconds(25)
}
