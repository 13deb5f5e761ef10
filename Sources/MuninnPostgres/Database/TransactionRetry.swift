import PostgresNIO

/// Transactions PostgreSQL aborted only because another one got in the way: running them again is safe
/// and, after a few tries, succeeds.
enum TransactionRetry {
    static let maximumAttempts = 5

    /// serialization_failure and deadlock_detected.
    private static let retryableStates: Set<String> = ["40001", "40P01"]

    static func isRetryable(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, error.code == .server, let state = error.serverInfo?[.sqlState] else { return false }
        return retryableStates.contains(state)
    }
}
