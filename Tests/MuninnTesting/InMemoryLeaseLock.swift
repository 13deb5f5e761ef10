import KubeAPI
import Synchronization

/// One Lease in memory with the API server's optimistic concurrency: a write whose resourceVersion is not the
/// stored one answers 409 Conflict, a create of an existing lease 409 AlreadyExists. Can be switched to fail
/// every call, like an unreachable API server.
public final class InMemoryLeaseLock: LeaseLock {
    private struct State {
        var lease: Lease?
        var version = 0
        var failing = false
        var writes: [Lease] = []
    }

    private let state = Mutex(State())
    private let namespace: String
    private let name: String

    public init(namespace: String = "muninn", name: String = "muninn") {
        self.namespace = namespace
        self.name = name
    }

    /// The lease as stored now.
    public var lease: Lease? { state.withLock { $0.lease } }

    /// Every successful write, in order.
    public var writes: [Lease] { state.withLock { $0.writes } }

    public func setFailing(_ failing: Bool) {
        state.withLock { $0.failing = failing }
    }

    public func get() async throws -> Lease? {
        try state.withLock { state in
            if state.failing { throw KubeAPIError.transport("connection refused (test)") }
            return state.lease
        }
    }

    public func create(_ lease: Lease) async throws -> Lease {
        try state.withLock { state in
            if state.failing { throw KubeAPIError.transport("connection refused (test)") }
            if state.lease != nil {
                throw KubeAPIError.alreadyExists(Status(code: 409, reason: "AlreadyExists", message: "leases.coordination.k8s.io \"\(name)\" already exists"))
            }
            return Self.store(lease, in: &state)
        }
    }

    public func update(_ lease: Lease) async throws -> Lease {
        try state.withLock { state in
            if state.failing { throw KubeAPIError.transport("connection refused (test)") }
            guard let stored = state.lease else {
                throw KubeAPIError.notFound(Status(code: 404, reason: "NotFound", message: "leases.coordination.k8s.io \"\(name)\" not found"))
            }
            if let version = lease.metadata.resourceVersion, version != stored.metadata.resourceVersion {
                throw KubeAPIError.conflict(
                    Status(
                        code: 409, reason: "Conflict",
                        message: "Operation cannot be fulfilled on leases.coordination.k8s.io \"\(name)\": the object has been modified; please apply your changes to the latest version and try again"))
            }
            return Self.store(lease, in: &state)
        }
    }

    private static func store(_ lease: Lease, in state: inout State) -> Lease {
        state.version += 1
        var stored = lease
        stored.metadata.resourceVersion = String(state.version)
        state.lease = stored
        state.writes.append(stored)
        return stored
    }
}
