import Foundation
import KubeJSON
import KubeletModel

/// Writes as the apiserver performs them: metadata filled on create, optimistic concurrency on
/// update, status/spec separation for resources with a status subresource, CRD registration.
extension Simulator {
    func objectKey(_ definition: ResourceDefinition, namespace: String?, name: String) -> ObjectKey {
        ObjectKey(namespace: definition.namespaced ? (namespace ?? "") : "", name: name)
    }

    /// Converts an incoming body of `definition`'s version to what storage holds.
    private func toStorage(_ definition: ResourceDefinition, _ object: JSONValue) -> JSONValue {
        definition.storedAs == .events && definition.group == "events.k8s.io" ? EventConversion.toCore(object) : object
    }

    func getObject(_ definition: ResourceDefinition, namespace: String?, name: String) throws(APIStatus) -> StoredObject {
        guard let object = store.get(definition.storageKey, objectKey(definition, namespace: namespace, name: name)) else {
            throw APIStatus.notFound(definition, name: name)
        }
        return object
    }

    func createObject(
        _ definition: ResourceDefinition, namespace: String?, object body: JSONValue, checkNamespace: Bool = true
    ) throws(APIStatus) -> StoredObject {
        var (object, key) = try preparedForCreate(definition, namespace: namespace, object: body, checkNamespace: checkNamespace)
        let name = key.name
        if definition.gvr == .customResourceDefinitions { object = try registerCustomResource(object) }
        let prepared = ObjectShape.normalized(object)
        let result = try store.commit(definition.storageKey, key) { (current) throws(APIStatus) -> JSONValue? in
            if current != nil { throw APIStatus.alreadyExists(definition, name: name) }
            return prepared
        }
        guard let stored = result.object else { throw APIStatus.internalError("create produced no object") }
        return stored
    }

    /// What a create would store, checked as a create is (namespace exists, name given), with the metadata the
    /// server fills in; shared by real and dry-run creates. Registers nothing and writes nothing.
    func preparedForCreate(
        _ definition: ResourceDefinition, namespace: String?, object body: JSONValue, checkNamespace: Bool = true
    ) throws(APIStatus) -> (object: JSONValue, key: ObjectKey) {
        guard body.objectValue != nil else { throw APIStatus.badRequest("the body of the request is not a JSON object") }
        var object = toStorage(definition, body)
        var targetNamespace: String? = nil
        if definition.namespaced {
            let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue ?? ""
            if let namespace, !bodyNamespace.isEmpty, bodyNamespace != namespace {
                throw APIStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            targetNamespace = namespace ?? (bodyNamespace.isEmpty ? "default" : bodyNamespace)
            object[path: ["metadata", "namespace"]] = .string(targetNamespace ?? "default")
            if checkNamespace, let ns = targetNamespace, store.get(StorageKey(.namespaces), ObjectKey(namespace: "", name: ns)) == nil,
               let namespaces = self.definition(for: .namespaces)
            {
                throw APIStatus.notFound(namespaces, name: ns)
            }
        } else {
            object[path: ["metadata", "namespace"]] = nil
        }
        var name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty {
            guard let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty else {
                throw APIStatus.invalid(kind: definition.kind, group: definition.group, name: "", causes: [
                    .init(reason: "FieldValueRequired", message: "Required value: name or generateName is required",
                          field: "metadata.name"),
                ])
            }
            name = prefix + Self.randomSuffix()
            object[path: ["metadata", "name"]] = .string(name)
        }
        object[path: ["metadata", "uid"]] = .string(UUID().uuidString.lowercased())
        object[path: ["metadata", "creationTimestamp"]] = .string(KubeTime.rfc3339(configuration.now()))
        object[path: ["metadata", "resourceVersion"]] = nil
        object[path: ["metadata", "selfLink"]] = nil
        if definition.tracksGeneration { object[path: ["metadata", "generation"]] = 1 }
        if definition.gvr == .pods, object["status"] == nil {
            object["status"] = ["phase": "Pending", "qosClass": "BestEffort"]
        }
        return (object, objectKey(definition, namespace: targetNamespace, name: name))
    }

    /// PUT: replaces the object; a non-empty `metadata.resourceVersion` must match (409 otherwise).
    func replaceObject(
        _ definition: ResourceDefinition, namespace: String?, name: String, object body: JSONValue, subresource: String?,
        dryRun: Bool = false
    ) throws(APIStatus) -> StoredObject {
        guard body.objectValue != nil else { throw APIStatus.badRequest("the body of the request is not a JSON object") }
        let object = toStorage(definition, body)
        let bodyName = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if bodyName != name {
            throw APIStatus.badRequest("the name of the object (\(bodyName)) does not match the name on the URL (\(name))")
        }
        if definition.namespaced, let namespace, let bodyNamespace = object[path: ["metadata", "namespace"]]?.stringValue,
           !bodyNamespace.isEmpty, bodyNamespace != namespace
        {
            throw APIStatus.badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }
        let expected = object[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        return try update(definition, namespace: namespace, name: name, expectedResourceVersion: expected,
                          subresource: subresource, dryRun: dryRun) { _ in object }
    }

    /// PATCH with merge (RFC 7386), strategic-merge or JSON patch (RFC 6902).
    func patchObject(
        _ definition: ResourceDefinition, namespace: String?, name: String, contentType: String, body: [UInt8],
        subresource: String?, dryRun: Bool = false
    ) throws(APIStatus) -> StoredObject {
        let mediaType = contentType.split(separator: ";").first.map { String($0).trimmingSpaces.lowercased() } ?? ""
        let patch: JSONValue
        do { patch = try JSONValue(parsing: body) } catch {
            throw APIStatus.badRequest("error decoding patch: \(error)")
        }
        let apply: (JSONValue) throws(APIStatus) -> JSONValue
        switch mediaType {
        case "application/merge-patch+json":
            apply = { $0.mergePatched(with: patch) }
        case "application/strategic-merge-patch+json":
            apply = { StrategicMergePatch.apply(patch, to: $0) }
        case "application/json-patch+json":
            apply = { (original) throws(APIStatus) -> JSONValue in try JSONPatch.apply(patch, to: original) }
        default:
            throw APIStatus.unsupportedMediaType(contentType)
        }
        let expected = patch[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
        return try update(definition, namespace: namespace, name: name, expectedResourceVersion: expected,
                          subresource: subresource, dryRun: dryRun) { (current) throws(APIStatus) -> JSONValue in
            let view = definition.storedAs == .events && definition.group == "events.k8s.io"
                ? EventConversion.toEventsV1(current) : current
            return toStorage(definition, try apply(view))
        }
    }

    private func update(
        _ definition: ResourceDefinition, namespace: String?, name: String, expectedResourceVersion: String,
        subresource: String?, dryRun: Bool, _ produce: (JSONValue) throws(APIStatus) -> JSONValue
    ) throws(APIStatus) -> StoredObject {
        let key = objectKey(definition, namespace: namespace, name: name)
        let hasStatusSubresource = definition.subresources.contains("status")
        func transform(_ current: StoredObject?) throws(APIStatus) -> JSONValue? {
            guard let current else { throw APIStatus.notFound(definition, name: name) }
            if !expectedResourceVersion.isEmpty, expectedResourceVersion != String(current.resourceVersion) {
                throw APIStatus.conflict(definition, name: name)
            }
            guard let old = try? current.parsed() else { throw APIStatus.internalError("stored object is not valid JSON") }
            var new = try produce(old)
            guard new.objectValue != nil else { throw APIStatus.badRequest("the patched object is not a JSON object") }
            new["kind"] = nil
            new["apiVersion"] = nil
            if subresource == "status" {
                var merged = old
                merged["status"] = new["status"]
                new = merged
            } else if hasStatusSubresource {
                new["status"] = old["status"]
            }
            for field in ["uid", "creationTimestamp", "namespace", "name"] {
                new[path: ["metadata", field]] = old[path: ["metadata", field]]
            }
            new[path: ["metadata", "generation"]] = old[path: ["metadata", "generation"]]
            if definition.tracksGeneration, old["spec"] != new["spec"] {
                new[path: ["metadata", "generation"]] = .int((old[path: ["metadata", "generation"]]?.intValue ?? 0) + 1)
            }
            return ObjectShape.normalized(new)
        }
        if dryRun {
            // As the apiserver's dry-run storage: every check and the result, with the stored resourceVersion; no write.
            let current = store.get(definition.storageKey, key)
            guard let new = try transform(current), let current else { throw APIStatus.notFound(definition, name: name) }
            return StoredObject(object: new, key: key, resourceVersion: current.resourceVersion,
                                fieldsOf: .forResource(group: definition.group, resource: definition.resource))
        }
        let result = try store.commit(definition.storageKey, key, transform)
        guard let stored = result.object else { throw APIStatus.notFound(definition, name: name) }
        return stored
    }

    /// Graceful pod deletion as watchers see it from a real cluster: a MODIFIED event setting
    /// `deletionTimestamp`/`deletionGracePeriodSeconds`, then DELETED (the simulated kubelet
    /// confirms at once). Returns the pod as the DELETE response carries it (with the timestamps).
    /// Unscheduled pods and a grace period of 0 delete immediately.
    func deletePodGracefully(_ definition: ResourceDefinition, namespace: String?, name: String,
                             gracePeriodSeconds: Int64?) throws(APIStatus) -> StoredObject {
        let key = objectKey(definition, namespace: namespace, name: name)
        let now = configuration.now()
        let marked = try store.commit(definition.storageKey, key) { (current) throws(APIStatus) -> JSONValue? in
            guard let current, var pod = try? current.parsed() else { throw APIStatus.notFound(definition, name: name) }
            let scheduled = !(pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
            let grace = gracePeriodSeconds ?? pod[path: ["spec", "terminationGracePeriodSeconds"]]?.intValue ?? 30
            guard scheduled, grace > 0, pod[path: ["metadata", "deletionTimestamp"]] == nil else { return pod }
            pod[path: ["metadata", "deletionTimestamp"]] = .string(KubeTime.rfc3339(now.addingTimeInterval(Double(grace))))
            pod[path: ["metadata", "deletionGracePeriodSeconds"]] = .int(grace)
            return ObjectShape.normalized(pod)
        }
        let deleted = try deleteObject(definition, namespace: namespace, name: name)
        if case .written(_, let object) = marked { return object }
        return deleted
    }

    func deleteObject(_ definition: ResourceDefinition, namespace: String?, name: String) throws(APIStatus) -> StoredObject {
        let key = objectKey(definition, namespace: namespace, name: name)
        let result = try store.commit(definition.storageKey, key) { (current) throws(APIStatus) -> JSONValue? in
            guard current != nil else { throw APIStatus.notFound(definition, name: name) }
            return nil
        }
        guard case .written(_, let deleted) = result else { throw APIStatus.notFound(definition, name: name) }
        if definition.gvr == .customResourceDefinitions, let crd = try? deleted.parsed() {
            unregisterCustomResource(crd)
        }
        return deleted
    }

    /// Applies one write of the kubelet model: create-or-replace keeps whatever the writer set.
    func applyWrite(_ write: ClusterWrite) throws(APIStatus) {
        switch write {
        case .apply(let gvr, let body):
            guard let definition = definition(for: gvr) else {
                throw APIStatus.badRequest("the server could not find the requested resource (\(gvr))")
            }
            var object = toStorage(definition, body)
            object["kind"] = nil
            object["apiVersion"] = nil
            guard let name = object[path: ["metadata", "name"]]?.stringValue, !name.isEmpty else {
                throw APIStatus.badRequest("object to apply has no metadata.name")
            }
            let namespace = object[path: ["metadata", "namespace"]]?.stringValue
            if definition.namespaced, namespace == nil { object[path: ["metadata", "namespace"]] = "default" }
            if definition.gvr == .customResourceDefinitions { object = try registerCustomResource(object) }
            let key = objectKey(definition, namespace: namespace ?? "default", name: name)
            let now = KubeTime.rfc3339(configuration.now())
            try store.commit(definition.storageKey, key) { (current) throws(APIStatus) -> JSONValue? in
                var new = object
                let missingUID = new[path: ["metadata", "uid"]]?.stringValue?.isEmpty ?? true
                let missingCreation = new[path: ["metadata", "creationTimestamp"]]?.stringValue == nil
                if missingUID || missingCreation {
                    // Keep what the stored object had; parse it only in this rare case.
                    let old = try? current?.parsed()
                    if missingUID {
                        new[path: ["metadata", "uid"]] = old?[path: ["metadata", "uid"]] ?? .string(UUID().uuidString.lowercased())
                    }
                    if missingCreation {
                        new[path: ["metadata", "creationTimestamp"]] = old?[path: ["metadata", "creationTimestamp"]] ?? .string(now)
                    }
                }
                return ObjectShape.normalized(new)
            }
        case .delete(let gvr, let namespace, let name):
            guard let definition = definition(for: gvr) else { return }
            let key = objectKey(definition, namespace: namespace, name: name)
            let result = try store.commit(definition.storageKey, key) { _ in nil }
            if definition.gvr == .customResourceDefinitions, case .written(_, let deleted) = result,
               let crd = try? deleted.parsed()
            {
                unregisterCustomResource(crd)
            }
        case .appendLog(let namespace, let pod, let container, let containerID, let text):
            logs.append(namespace: namespace, pod: pod, container: container, containerID: containerID, text: text)
        }
    }

    /// The object as a GET or watch event carries it: with `kind`/`apiVersion`, in the
    /// requested version's shape.
    func responseBytes(_ definition: ResourceDefinition, _ object: StoredObject) -> [UInt8] {
        if definition.storedAs == .events, definition.group == "events.k8s.io", var parsed = try? object.parsed() {
            parsed = EventConversion.toEventsV1(parsed)
            var typed = JSONObject([("kind", .string(definition.kind)), ("apiVersion", .string(definition.apiVersion))])
            for (key, value) in parsed.objectValue ?? JSONObject() { typed[key] = value }
            return JSONValue.object(typed).serialized()
        }
        return object.bytesWithTypeMeta(apiVersion: definition.apiVersion, kind: definition.kind)
    }

    /// The object as a list item carries it (no `kind`/`apiVersion`).
    func listItemBytes(_ definition: ResourceDefinition, _ object: StoredObject) -> [UInt8] {
        if definition.storedAs == .events, definition.group == "events.k8s.io", let parsed = try? object.parsed() {
            return EventConversion.toEventsV1(parsed).serialized()
        }
        return object.bytes
    }

    private static func randomSuffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet.randomElement() ?? "x" })
    }
}
