/// Which container instance's log an incident calls for.
enum LogPlan: Equatable {
    /// Which instance of a container `pods/log` is asked for.
    enum Instance: Equatable, Sendable {
        case previous
        case current
    }

    /// Read the log of `container`: the instances in `attempts` in order, going on to the next only when the
    /// kubelet says the logs are unavailable.
    case read(container: String, attempts: [Instance])
    /// No log exists; `reason` says why (nil when logs do not apply to the kind at all).
    case none(reason: String?)

    static func plan(for incident: Incident) -> LogPlan {
        guard let container = incident.container else { return .none(reason: nil) }
        let restarts = incident.restartCount ?? 0
        switch incident.kind {
        case .containerTerminated:
            // Without a restart the terminated instance is still the current one (state.terminated). After a
            // restart it is usually the previous one, but while the kubelet has not restarted it yet (or never
            // will, restartPolicy Never) the current one is it: the kubelet then refuses previous=true with a 400.
            return .read(container: container, attempts: restarts == 0 ? [.current] : [.previous, .current])
        case .cannotStart:
            guard restarts > 0 else { return .none(reason: "the container has not started, so it has no logs") }
            return .read(container: container, attempts: [.previous])
        case .notReady, .podEvicted, .podFailed, .runningAgain, .readyAgain:
            return .none(reason: nil)
        }
    }
}
