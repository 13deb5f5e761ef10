import Logging

/// Runs a store operation until it succeeds, waiting `policy` between failures: a full disk or a
/// restarting database pauses the pipeline (nothing is consumed meanwhile, so nothing is lost) instead
/// of dropping what was in hand. Throws only `CancellationError`, when the task is cancelled.
enum StoreRetry {
    @discardableResult
    static func run<Value>(
        _ what: String, policy: RetryPolicy, clock: any Clock<Duration>, logger: Logger, metrics: PipelineMetrics,
        _ operation: () async throws(StoreError) -> Value
    ) async throws -> Value {
        var failures = 0
        while true {
            do {
                let value = try await operation()
                if failures > 0 { logger.notice("store recovered", metadata: ["operation": "\(what)", "failures": "\(failures)"]) }
                return value
            } catch {
                failures += 1
                metrics.storeError(operation: what)
                let delay = policy.delay(afterAttempt: failures)
                logger.error(
                    "store operation failed; retrying",
                    metadata: ["operation": "\(what)", "error": "\(error)", "attempt": "\(failures)", "retry_in": "\(delay)"])
                try await clock.sleep(for: delay)
            }
        }
    }
}
