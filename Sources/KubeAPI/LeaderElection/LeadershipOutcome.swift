/// How a term as leader ended.
public enum LeadershipOutcome: Sendable, Hashable {
    /// The work returned by itself (a graceful shutdown drained it).
    case workFinished
    /// The lease could not be renewed within the renew deadline (or another candidate holds it): the work
    /// was cancelled at once.
    case lost
}
