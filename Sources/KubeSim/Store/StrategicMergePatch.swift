import KubeJSON

/// A pragmatic strategic merge patch: objects merge recursively (null deletes), lists of objects
/// merge by their usual merge key (`name`, `containerPort`, `type`, …), other lists are replaced.
/// `$patch`/`$setElementOrder`/`$retainKeys` directives are honoured only as far as needed for
/// `kubectl apply` and `kubectl patch` of built-in kinds.
enum StrategicMergePatch {
    private static let mergeKeys = ["name", "containerPort", "type", "mountPath", "devicePath", "ip", "port", "topologyKey"]

    static func apply(_ patch: JSONValue, to original: JSONValue) -> JSONValue {
        guard case .object(let patchObject) = patch else { return patch }
        if patchObject["$patch"] == "replace" {
            var replaced = patchObject
            replaced["$patch"] = nil
            return .object(replaced)
        }
        var result = original.objectValue ?? JSONObject()
        for (key, value) in patchObject {
            if key.hasPrefix("$") { continue }
            if value.isNull {
                result[key] = nil
            } else if case .object = value, let existing = result[key], existing.objectValue != nil {
                result[key] = apply(value, to: existing)
            } else if case .array(let patchItems) = value, case .array(let existingItems)? = result[key] {
                result[key] = .array(mergeLists(existingItems, patchItems))
            } else {
                result[key] = strip(value)
            }
        }
        return .object(result)
    }

    private static func mergeLists(_ existing: [JSONValue], _ patch: [JSONValue]) -> [JSONValue] {
        guard let mergeKey = mergeKeys.first(where: { key in
            !patch.isEmpty && patch.allSatisfy { $0[key] != nil } && existing.allSatisfy { $0[key] != nil }
        }) else {
            return patch.map(strip)
        }
        var result = existing
        for item in patch {
            let identity = item[mergeKey]
            if let index = result.firstIndex(where: { $0[mergeKey] == identity }) {
                if item["$patch"] == "delete" {
                    result.remove(at: index)
                } else {
                    result[index] = apply(item, to: result[index])
                }
            } else if item["$patch"] != "delete" {
                result.append(strip(item))
            }
        }
        return result
    }

    private static func strip(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object where !key.hasPrefix("$") { result[key] = strip(member) }
            return .object(result)
        case .array(let items):
            return .array(items.map(strip))
        default:
            return value
        }
    }
}
