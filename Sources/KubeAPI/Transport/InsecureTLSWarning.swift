import Logging
import Synchronization

/// Warns that TLS verification of an API server is off, once per process and origin: a process makes a client
/// per service and per leadership term, and one warning at start-up says it all.
enum InsecureTLSWarning {
    private static let warnedOrigins = Mutex<Set<String>>([])

    /// Logs the warning unless it was already logged for `origin`; returns whether it logged.
    @discardableResult
    static func warnOnce(origin: String, logger: Logger) -> Bool {
        let isFirst = warnedOrigins.withLock { $0.insert(origin).inserted }
        if isFirst {
            logger.warning("TLS verification of the API server is disabled (insecure-skip-tls-verify)", metadata: ["k8s.origin": "\(origin)"])
        }
        return isFirst
    }
}
