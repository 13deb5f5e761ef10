import Foundation

/// A transition the kubelet will make at a given time (the simulation's agenda).
enum PodAction: Sendable, Equatable {
    /// The kubelet admits the pod: sandbox, IP, first container statuses.
    case admit
    /// Pull the image (Pulling event), then create the container.
    case pull(ContainerIndex)
    /// Create and start a container instance (or fail to: config error, image pull error).
    case create(ContainerIndex)
    /// The instance with this containerID exits.
    case exit(ContainerIndex, ContainerExit, containerID: String)
    /// The kubelet notices an exited container and puts it in CrashLoopBackOff.
    case backOff(ContainerIndex)
    /// Back-off over: start a new instance.
    case restart(ContainerIndex)
    /// After ErrImagePull, the kubelet backs off: ImagePullBackOff.
    case imagePullBackOff(ContainerIndex)
    /// A pod sync during a back-off: the kubelet reports the BackOff event again (it aggregates).
    case backOffReminder(ContainerIndex, until: Date)
    /// The readiness probe of this instance starts passing or failing.
    case readiness(ContainerIndex, ready: Bool, containerID: String)
    /// Graceful deletion: the containers have stopped.
    case stopContainers
    /// Graceful deletion done: the object disappears.
    case remove
}

/// An action due at a time; `sequence` keeps actions due at the same time in the order scheduled.
struct ScheduledPodAction: Sendable, Equatable {
    var at: Date
    var sequence: Int
    var action: PodAction
}
