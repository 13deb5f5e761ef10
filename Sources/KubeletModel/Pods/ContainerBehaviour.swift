import Foundation

/// What a simulated container does on its own, every time it is started.
public enum ContainerBehaviour: Sendable, Equatable {
    /// Starts and keeps running (init containers: run briefly and exit 0).
    case healthy
    /// Exits `after` seconds after each start; the kubelet restarts it with back-off.
    case crashLoop(exit: ContainerExit, after: TimeInterval)
    /// The image cannot be pulled: ErrImagePull and ImagePullBackOff, forever.
    case imagePullFailure
    /// The container cannot be created (missing Secret/ConfigMap): CreateContainerConfigError.
    case configError(message: String)
    /// Runs, but its readiness probe fails for `period` seconds out of every `2 * period`.
    case flapReadiness(period: TimeInterval)
    /// Runs for `after` seconds and exits with `exitCode` (a batch process).
    case completes(after: TimeInterval, exitCode: Int)

    /// OOM-killed `after` seconds after each start.
    public static func oom(after: TimeInterval) -> ContainerBehaviour {
        .crashLoop(exit: .oomKilled, after: after)
    }
}
