import KubeJSON

/// Walks two normalised manifests and lists what differs, in document order (keys sorted, as the YAML shows
/// them), list items matched as ``ListKey`` explains. A keyed list whose items only moved is not a change.
enum StructuredDiff {
    static func changes(old: JSONValue, new: JSONValue) -> [FieldChange] {
        var changes: [FieldChange] = []
        walk(old, new, at: FieldPath(), into: &changes)
        return changes
    }

    private static func walk(_ old: JSONValue, _ new: JSONValue, at path: FieldPath, into changes: inout [FieldChange]) {
        switch (old, new) {
        case (.object(let before), .object(let after)):
            // Dictionaries, not JSONObject lookups: a ConfigMap may hold thousands of keys.
            let beforeByKey = Dictionary(before.members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            let afterByKey = Dictionary(after.members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
            for key in Set(beforeByKey.keys).union(afterByKey.keys).sorted() {
                let child = path.appending(.key(key))
                switch (beforeByKey[key], afterByKey[key]) {
                case (let was?, let now?): walk(was, now, at: child, into: &changes)
                // A missing label or annotation map is an empty one: the first annotation is reported by its key.
                case (let was?, nil) where Self.isStringMap(key, was): walk(was, .object(JSONObject()), at: child, into: &changes)
                case (nil, let now?) where Self.isStringMap(key, now): walk(.object(JSONObject()), now, at: child, into: &changes)
                case (let was?, nil): changes.append(FieldChange(path: child.description, operation: .removed, old: ValueText.text(was), new: nil))
                case (nil, let now?): changes.append(FieldChange(path: child.description, operation: .added, old: nil, new: ValueText.text(now)))
                case (nil, nil): break
                }
            }
        case (.array(let before), .array(let after)):
            if let field = ListKey.field(old: before, new: after) {
                walkKeyed(before, after, field: field, at: path, into: &changes)
            } else {
                walkPositional(before, after, at: path, into: &changes)
            }
        default:
            guard old != new else { return }
            changes.append(FieldChange(path: path.description, operation: .changed, old: ValueText.text(old), new: ValueText.text(new)))
        }
    }

    private static func isStringMap(_ key: String, _ value: JSONValue) -> Bool {
        guard key == "annotations" || key == "labels", case .object = value else { return false }
        return true
    }

    private static func walkKeyed(_ before: [JSONValue], _ after: [JSONValue], field: String, at path: FieldPath, into changes: inout [FieldChange]) {
        var oldByKey: [String: JSONValue] = [:]
        for item in before { if let key = ListKey.value(of: item, field: field) { oldByKey[key] = item } }
        var newKeys: Set<String> = []
        for item in after {
            guard let key = ListKey.value(of: item, field: field) else { continue }
            newKeys.insert(key)
            let child = path.appending(.match(field: field, value: key))
            if let was = oldByKey[key] {
                walk(was, item, at: child, into: &changes)
            } else {
                changes.append(FieldChange(path: child.description, operation: .added, old: nil, new: ValueText.text(item)))
            }
        }
        for item in before {
            guard let key = ListKey.value(of: item, field: field), !newKeys.contains(key) else { continue }
            let child = path.appending(.match(field: field, value: key))
            changes.append(FieldChange(path: child.description, operation: .removed, old: ValueText.text(item), new: nil))
        }
    }

    private static func walkPositional(_ before: [JSONValue], _ after: [JSONValue], at path: FieldPath, into changes: inout [FieldChange]) {
        for index in 0..<max(before.count, after.count) {
            let child = path.appending(.index(index))
            // Spelled out: JSONValue is ExpressibleByNilLiteral, so a bare `nil` here would be `.null`.
            let was: JSONValue? = index < before.count ? .some(before[index]) : .none
            let now: JSONValue? = index < after.count ? .some(after[index]) : .none
            switch (was, now) {
            case (let was?, let now?): walk(was, now, at: child, into: &changes)
            case (let was?, nil): changes.append(FieldChange(path: child.description, operation: .removed, old: ValueText.text(was), new: nil))
            case (nil, let now?): changes.append(FieldChange(path: child.description, operation: .added, old: nil, new: ValueText.text(now)))
            case (nil, nil): break
            }
        }
    }
}
