/// Reads and writes the one Lease an election is about. Writes carry the resourceVersion last read and
/// throw `KubeAPIError.conflict` (or `.alreadyExists` on create) when another candidate wrote first.
public protocol LeaseLock: Sendable {
    /// The lease, or nil when it does not exist yet.
    func get() async throws -> Lease?
    func create(_ lease: Lease) async throws -> Lease
    func update(_ lease: Lease) async throws -> Lease
}
