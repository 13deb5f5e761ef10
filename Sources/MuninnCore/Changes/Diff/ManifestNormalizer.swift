import Foundation
import KubeJSON

/// Removes from a manifest what the server, the controllers or the policy own, so that what remains is what a
/// user wrote: the rules are listed in docs/changes.md ("What the diff ignores").
enum ManifestNormalizer {
    /// `metadata` fields the API server or controllers set. `ownerReferences`, `finalizers` and `generateName`
    /// are dropped too, as kwatchman does: for the watched kinds controllers (garbage collector, HPA, Helm
    /// adoption, PVC protection) set them, and a change there is not a change of the workload.
    static let serverMetadata: Set<String> = [
        "resourceVersion", "generation", "managedFields", "uid", "creationTimestamp", "selfLink", "deletionTimestamp",
        "deletionGracePeriodSeconds", "ownerReferences", "finalizers", "generateName",
    ]

    /// Top-level annotations that change without a user changing anything (the Deployment controller's revision)
    /// or repeat the whole object, Secret values included (kubectl's last-applied configuration).
    static let serverAnnotations: Set<String> = [
        "deployment.kubernetes.io/revision", "kubectl.kubernetes.io/last-applied-configuration",
    ]

    /// The normalised form of `manifest`, with `extraIgnored` removed as well as the policy's paths.
    static func normalize(_ manifest: JSONValue, policy: DiffPolicy, extraIgnored: [FieldPath] = []) -> JSONValue {
        guard case .object(var object) = manifest else { return manifest }
        object["status"] = nil
        var paths = policy.ignoredPaths.compactMap(FieldPath.init(parsing:)) + extraIgnored
        if policy.honoursAnnotation { paths += annotationPaths(manifest) }
        var result = JSONValue.object(object)
        for path in paths { result = removing(path.segments[...], from: result) }
        guard case .object(var cleaned) = result else { return result }
        if case .object(let metadata)? = cleaned["metadata"] { cleaned["metadata"] = .object(cleanMetadata(metadata)) }
        if policy.hidesData || isSecret(cleaned) { hashSecretValues(&cleaned) }
        return sortedKeys(.object(cleaned))
    }

    /// The paths an object's `muninn.io/diff-ignore` annotation names (comma-separated; unparsable ones are
    /// skipped, since an annotation is no place for a start-up error).
    static func annotationPaths(_ manifest: JSONValue?) -> [FieldPath] {
        guard let text = manifest?[path: ["metadata", "annotations", DiffPolicy.ignoreAnnotation]]?.stringValue else { return [] }
        return text.split(separator: ",").compactMap { FieldPath(parsing: String($0)) }
    }

    /// A Secret by its kind, or, without one (items of a list carry no kind), by its shape: a `type` string beside
    /// `data` or `stringData`. Hashing a look-alike too is the safe mistake.
    static func isSecret(_ object: JSONObject) -> Bool {
        if let kind = object["kind"]?.stringValue { return kind == "Secret" && object["apiVersion"]?.stringValue == "v1" }
        return object["type"]?.stringValue != nil && (object["data"]?.objectValue != nil || object["stringData"]?.objectValue != nil)
    }

    private static func cleanMetadata(_ metadata: JSONObject) -> JSONObject {
        var cleaned = JSONObject(metadata.members.filter { !serverMetadata.contains($0.key) }.map { ($0.key, $0.value) })
        if case .object(var annotations)? = cleaned["annotations"] {
            for name in serverAnnotations { annotations[name] = nil }
            cleaned["annotations"] = .object(annotations)
        }
        // An empty or null map and a missing one are the same to a user (kwatchman issue #20).
        for name in ["annotations", "labels"] {
            switch cleaned[name] {
            case .null?: cleaned[name] = nil
            case .object(let members)? where members.isEmpty: cleaned[name] = nil
            default: break
            }
        }
        return cleaned
    }

    private static func hashSecretValues(_ secret: inout JSONObject) {
        if case .object(let data)? = secret["data"] {
            secret["data"] = .object(JSONObject(data.members.map { member in
                let digest = member.value.stringValue.map(SecretDigest.ofData) ?? SecretDigest.ofString(member.value.serializedString())
                return (member.key, JSONValue.string(digest))
            }))
        }
        if case .object(let data)? = secret["stringData"] {
            secret["stringData"] = .object(JSONObject(data.members.map { member in
                (member.key, .string(SecretDigest.ofString(member.value.stringValue ?? member.value.serializedString())))
            }))
        }
    }

    /// `value` without what `segments` addresses; unchanged when the path does not exist.
    static func removing(_ segments: ArraySlice<FieldPath.Segment>, from value: JSONValue) -> JSONValue {
        guard let first = segments.first else { return value }
        let rest = segments.dropFirst()
        switch (first, value) {
        case (.key(let key), .object(var object)):
            guard let child = object[key] else { return value }
            if rest.isEmpty { object[key] = nil } else { object[key] = removing(rest, from: child) }
            return .object(object)
        case (.index(let index), .array(var items)):
            guard items.indices.contains(index) else { return value }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = removing(rest, from: items[index]) }
            return .array(items)
        case (.match(let field, let wanted), .array(let items)):
            if rest.isEmpty { return .array(items.filter { ListKey.value(of: $0, field: field) != wanted }) }
            return .array(items.map { ListKey.value(of: $0, field: field) == wanted ? removing(rest, from: $0) : $0 })
        case (.anyItem, .array(let items)):
            return rest.isEmpty ? .array([]) : .array(items.map { removing(rest, from: $0) })
        default:
            return value
        }
    }

    static func sortedKeys(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            let members = object.members.sorted { $0.key < $1.key }.map { ($0.key, sortedKeys($0.value)) }
            return .object(JSONObject(members))
        case .array(let items):
            return .array(items.map(sortedKeys))
        default:
            return value
        }
    }
}
