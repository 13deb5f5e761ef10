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
            switch incident.terminatedInstanceIsCurrent {
            case true?:
                // Seen as state.terminated: the crashed instance is the current one until the kubelet restarts it
                // (after the back-off). Asking for previous now would return the crash before this one.
                return .read(container: container, attempts: restarts == 0 ? [.current] : [.current, .previous])
            case false?:
                // Seen as lastState.terminated: already replaced by a new instance.
                return .read(container: container, attempts: [.previous, .current])
            case nil:
                // Queued by an older Muninn: without a restart the terminated instance is still the current one.
                // After one it is usually the previous one; if the kubelet has not restarted it yet (or never
                // will, restartPolicy Never) it refuses previous=true with a 400 and the current one is it.
                return .read(container: container, attempts: restarts == 0 ? [.current] : [.previous, .current])
            }
        case .cannotStart:
            guard restarts > 0 else { return .none(reason: "the container has not started, so it has no logs") }
            return .read(container: container, attempts: [.previous])
        case .notReady, .podEvicted, .podFailed, .runningAgain, .readyAgain:
            return .none(reason: nil)
        }
    }
}
