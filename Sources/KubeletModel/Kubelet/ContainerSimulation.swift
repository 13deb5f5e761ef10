import Foundation

/// The kubelet's view of one container of a pod: its current instance, the previous one, and the
/// counters that drive back-off.
struct ContainerSimulation: Sendable {
    enum Role: Sendable, Equatable { case regular, initContainer, sidecar }

    var blueprint: ContainerBlueprint
    let role: Role
    var state: ContainerState
    var lastState: ContainerTermination?
    var ready = false
    var started = false
    var restartCount = 0
    var imagePulled = false
    var containerID: String?
    var runningSince: Date?
    /// Consecutive crashes, for the crash-loop back-off (reset after 10 minutes of running).
    var crashes = 0
    var pullFailures = 0
    /// An init container that has run to completion.
    var initDone = false

    let image: ImageReference

    init(blueprint: ContainerBlueprint, role: Role, waitingReason: String, image: ImageReference? = nil) {
        self.blueprint = blueprint
        self.role = role
        self.state = .waiting(reason: waitingReason, message: nil)
        self.image = image ?? ImageReference(written: blueprint.image)
    }

    var name: String { blueprint.name }
    var hasRun: Bool { containerID != nil }

    /// Whether the kubelet restarts this container when it exits.
    func restarts(after exit: ContainerExit, policy: RestartPolicy) -> Bool {
        switch role {
        case .sidecar: return true
        case .initContainer: return exit.isFailure && policy != .never
        case .regular:
            switch policy {
            case .always: return true
            case .onFailure: return exit.isFailure
            case .never: return false
            }
        }
    }
}
