import Logging

/// Runs the chain for one change up to `attempts` times with exponential backoff on the injected clock. A retry
/// resumes at the handler that failed: the ones before it succeeded, and running them again would repeat their
/// messages. A permanent ``NotifierError`` ends the retries at once.
struct ChangeChainRetry: Sendable {
    enum Outcome: Sendable, Hashable {
        /// The chain finished (every handler continued, or one stopped it).
        case finished
        /// Every attempt failed, or one failed for good.
        case gaveUp
    }

    let chain: ChangeChain
    let attempts: Int
    let policy: RetryPolicy
    let clock: any Clock<Duration>
    let metrics: ChangeWatchMetrics
    let logger: Logger

    /// - Throws: only `CancellationError`.
    func run(_ change: ManifestChange, context: ChangeContext) async throws -> Outcome {
        var context = context
        var start = 0
        let attempts = max(1, self.attempts)
        for attempt in 1...attempts {
            context.attempt = attempt
            switch try await chain.run(change, context: context, from: start) {
            case .finished:
                return .finished
            case .failed(let index, let error):
                start = index
                let handler = chain.handlers[index].name
                metrics.handlerFailure(handler)
                let permanent = (error as? NotifierError).map { !$0.isRetryable } ?? false
                var metadata = Self.metadata(change)
                metadata["handler"] = "\(handler)"
                metadata["error"] = "\(error)"
                metadata["attempt"] = "\(attempt)"
                guard attempt < attempts, !permanent else {
                    logger.error("change handler failed; giving up on this change until the object changes again or Muninn restarts", metadata: metadata)
                    return .gaveUp
                }
                // The wait a destination asked for (Retry-After) wins over a shorter backoff.
                var delay = policy.delay(afterAttempt: attempt)
                if let asked = (error as? NotifierError)?.retryAfter, asked > delay { delay = min(asked, policy.maximum) }
                metadata["retry_in"] = "\(delay)"
                logger.warning("change handler failed; retrying", metadata: metadata)
                try await clock.sleep(for: delay)
            }
        }
        return .gaveUp
    }

    static func metadata(_ change: ManifestChange) -> Logger.Metadata {
        [
            "change.id": "\(change.id)", "change.action": "\(change.action.rawValue)", "change.kind": "\(change.kind)",
            "change.object": "\(change.namespace.isEmpty ? "" : change.namespace + "/")\(change.name)",
        ]
    }
}
