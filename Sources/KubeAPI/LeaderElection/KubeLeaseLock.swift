import KubeJSON

/// A ``LeaseLock`` on a real API server: GET, POST and PUT of `coordination.k8s.io/v1` leases.
public struct KubeLeaseLock: LeaseLock {
    let client: KubeClient
    let namespace: String
    let name: String

    public init(client: KubeClient, namespace: String, name: String) {
        self.client = client
        self.namespace = namespace
        self.name = name
    }

    public func get() async throws -> Lease? {
        do {
            return try await client.get(.leases, namespace: namespace, name: name, as: Lease.self)
        } catch KubeAPIError.notFound {
            return nil
        }
    }

    public func create(_ lease: Lease) async throws -> Lease {
        try await client.create(.leases, namespace: namespace, object: lease)
    }

    public func update(_ lease: Lease) async throws -> Lease {
        try await client.update(.leases, namespace: namespace, name: name, object: lease)
    }
}
