import KubeJSON

/// How the items of a list are matched between two versions of a manifest.
///
/// A list whose items are all objects with a distinct scalar value under one of ``candidates`` is matched by
/// that field, tried in this order: `name` (containers, env, volumes, named ports, volumeMounts of most
/// workloads), `mountPath` (volumeMounts), `containerPort` (unnamed container ports), `key` (items of a
/// ConfigMap or Secret volume, tolerations), `port` (Service ports without names), `ip` (hostAliases). Every
/// other list (args, command, unkeyed items) is matched by position. A field qualifies only if every item of
/// both versions has it and no value repeats within either version.
enum ListKey {
    static let candidates = ["name", "mountPath", "containerPort", "key", "port", "ip"]

    /// The field that identifies items of both `old` and `new`, or nil for positional matching.
    static func field(old: [JSONValue], new: [JSONValue]) -> String? {
        guard !(old.isEmpty && new.isEmpty) else { return nil }
        for candidate in candidates where identifies(candidate, old) && identifies(candidate, new) {
            return candidate
        }
        return nil
    }

    /// The text of `item`'s identifying field, as it appears in a path (`[name=web]`).
    static func value(of item: JSONValue, field: String) -> String? {
        switch item[field] {
        case .string(let text): text
        case .int(let number): String(number)
        default: nil
        }
    }

    private static func identifies(_ field: String, _ items: [JSONValue]) -> Bool {
        var seen: Set<String> = []
        for item in items {
            guard let value = value(of: item, field: field), !value.isEmpty, !value.contains("]"), seen.insert(value).inserted else { return false }
        }
        return true
    }
}
