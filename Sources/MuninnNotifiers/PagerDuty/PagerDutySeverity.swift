import MuninnCore

/// `payload.severity` of a trigger.
public enum PagerDutySeverity: String, Sendable, CaseIterable {
    case critical, error, warning, info

    /// Crashes, start failures and failed pods page as `error`; a pod not ready or evicted is a `warning`.
    public static func of(_ kind: Alert.Kind) -> PagerDutySeverity {
        switch kind {
        case .crashed, .cannotStart, .failed: .error
        case .notReady, .evicted: .warning
        case .recovered: .info
        }
    }
}
