/// Why a reflector opened its watch again or listed again (`Reflector`'s `onRestart`). Operators count these
/// (`muninn_watch_restarts_total{reason}`): a steady trickle of `ended` is normal, a climb of `failed` or
/// `expired` means the API server or the network is in trouble.
public enum WatchRestartReason: String, Sendable, Hashable, CaseIterable {
    /// The server ended the watch cleanly (its timeout, an API server restart): watched again from the last resourceVersion.
    case ended
    /// The resourceVersion was too old (410 Gone, as an ERROR event or an HTTP status): listed again.
    case expired
    /// The watch or list failed (network, 429, 5xx, a broken stream): retried after a backoff.
    case failed

    /// The reason a retryable list or watch failure stands for.
    static func after(_ error: any Error) -> WatchRestartReason {
        if case KubeAPIError.expired = error { return .expired }
        return .failed
    }
}
