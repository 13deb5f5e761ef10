/// A container's state: exactly one of waiting, running or terminated, or empty (`{}`).
public enum ContainerState: Decodable, Hashable, Sendable {
    case waiting(reason: String?, message: String?)
    case running(startedAt: KubeTime?)
    case terminated(Terminated)
    case empty

    /// The details of a terminated container.
    public struct Terminated: Decodable, Hashable, Sendable {
        public var exitCode: Int
        public var signal: Int?
        public var reason: String?
        public var message: String?
        public var startedAt: KubeTime?
        public var finishedAt: KubeTime?
        public var containerID: String?

        private enum CodingKeys: String, CodingKey { case exitCode, signal, reason, message, startedAt, finishedAt, containerID }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            exitCode = container.lenient(.exitCode) ?? 0
            signal = container.lenient(.signal)
            reason = container.lenient(.reason)
            message = container.lenient(.message)
            startedAt = container.lenient(.startedAt)
            finishedAt = container.lenient(.finishedAt)
            containerID = container.lenient(.containerID)
        }
    }

    private struct Waiting: Decodable {
        var reason: String?
        var message: String?
    }

    private struct Running: Decodable {
        var startedAt: KubeTime?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            startedAt = container.lenient(.startedAt)
        }

        private enum CodingKeys: String, CodingKey { case startedAt }
    }

    private enum CodingKeys: String, CodingKey { case waiting, running, terminated }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let waiting = container.lenient(.waiting, as: Waiting.self) {
            self = .waiting(reason: waiting.reason, message: waiting.message)
        } else if let running = container.lenient(.running, as: Running.self) {
            self = .running(startedAt: running.startedAt)
        } else if let terminated = container.lenient(.terminated, as: Terminated.self) {
            self = .terminated(terminated)
        } else {
            self = .empty
        }
    }

    /// The waiting reason, if waiting.
    public var waitingReason: String? {
        if case .waiting(let reason, _) = self { reason } else { nil }
    }

    /// The termination details, if terminated.
    public var terminatedDetails: Terminated? {
        if case .terminated(let details) = self { details } else { nil }
    }
}
