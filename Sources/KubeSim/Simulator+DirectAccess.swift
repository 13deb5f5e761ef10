import KubeJSON
import KubeletModel

/// Direct store access for tests and the kubelet model, with the same semantics (and errors)
/// as the HTTP API, without a round trip.
extension Simulator {
    private func requireDefinition(_ gvr: GroupVersionResource) throws(SimulatorError) -> ResourceDefinition {
        guard let definition = definition(for: gvr) else {
            throw SimulatorError(code: 404, reason: "NotFound", message: "the server could not find the requested resource (\(gvr))")
        }
        return definition
    }

    private func run<T>(_ operation: () throws(APIStatus) -> T) throws(SimulatorError) -> T {
        do { return try operation() } catch { throw SimulatorError(error) }
    }

    private func typed(_ definition: ResourceDefinition, _ object: StoredObject) throws(SimulatorError) -> JSONValue {
        do { return try JSONValue(parsing: responseBytes(definition, object)) } catch {
            throw SimulatorError(code: 500, reason: "InternalError", message: "stored object is not valid JSON")
        }
    }

    /// Applies writes from the kubelet model (or a scenario) in order, through the store, so
    /// watchers see them as writes from a real kubelet. Stops at the first failing write.
    public func apply(_ writes: [ClusterWrite]) throws(SimulatorError) {
        for write in writes { try run { () throws(APIStatus) in try applyWrite(write) } }
    }

    /// Creates an object as POST does; returns it as the server would (with kind, RV, uid…).
    @discardableResult
    public func create(_ gvr: GroupVersionResource, namespace: String? = nil, _ object: JSONValue) throws(SimulatorError) -> JSONValue {
        let definition = try requireDefinition(gvr)
        let stored = try run { () throws(APIStatus) in try createObject(definition, namespace: namespace, object: object) }
        return try typed(definition, stored)
    }

    public func get(_ gvr: GroupVersionResource, namespace: String? = nil, name: String) throws(SimulatorError) -> JSONValue {
        let definition = try requireDefinition(gvr)
        let stored = try run { () throws(APIStatus) in try getObject(definition, namespace: namespace, name: name) }
        return try typed(definition, stored)
    }

    /// Replaces an object as PUT does (409 Conflict on a stale `metadata.resourceVersion`).
    @discardableResult
    public func update(_ gvr: GroupVersionResource, namespace: String? = nil, name: String, _ object: JSONValue) throws(SimulatorError) -> JSONValue {
        let definition = try requireDefinition(gvr)
        let stored = try run { () throws(APIStatus) in
            try replaceObject(definition, namespace: namespace, name: name, object: object, subresource: nil)
        }
        return try typed(definition, stored)
    }

    /// Applies a JSON merge patch (RFC 7386) as `PATCH` with `application/merge-patch+json`.
    @discardableResult
    public func patch(_ gvr: GroupVersionResource, namespace: String? = nil, name: String, _ mergePatch: JSONValue) throws(SimulatorError) -> JSONValue {
        let definition = try requireDefinition(gvr)
        let stored = try run { () throws(APIStatus) in
            try patchObject(definition, namespace: namespace, name: name, contentType: "application/merge-patch+json",
                            body: mergePatch.serialized(), subresource: nil)
        }
        return try typed(definition, stored)
    }

    /// Deletes an object; returns its last state (carrying the deletion's resourceVersion).
    @discardableResult
    public func delete(_ gvr: GroupVersionResource, namespace: String? = nil, name: String) throws(SimulatorError) -> JSONValue {
        let definition = try requireDefinition(gvr)
        let stored = try run { () throws(APIStatus) in try deleteObject(definition, namespace: namespace, name: name) }
        return try typed(definition, stored)
    }

    /// Log text of one container instance, as stored by `apply(.appendLog…)`.
    public func logText(containerID: String) -> String {
        String(decoding: logs.lines(containerID: containerID).flatMap(\.text), as: UTF8.self)
    }
}
