import Foundation

/// One thing that happened to a pod or one of its containers, as seen from two successive states.
public struct PodChange: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case podAdded(phase: String?)
        case podDeleted
        case phaseChanged(from: String?, to: String?, reason: String?)
        case containerRunning
        case containerWaiting(reason: String?, message: String?)
        case containerTerminated(reason: String?, exitCode: Int, signal: Int?, message: String?)
        case containerRestarted(restartCount: Int, restarts: Int)
        case readinessChanged(ready: Bool)
    }

    public enum ContainerRole: String, Sendable, Equatable { case regular, `init`, ephemeral }

    public var namespace: String
    public var pod: String
    public var container: String?
    public var role: ContainerRole
    public var node: String?
    public var kind: Kind

    public init(namespace: String, pod: String, container: String? = nil, role: ContainerRole = .regular, node: String? = nil, kind: Kind) {
        self.namespace = namespace
        self.pod = pod
        self.container = container
        self.role = role
        self.node = node
        self.kind = kind
    }
}
