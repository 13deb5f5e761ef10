import Foundation
import MuninnCore
import Yams

extension YAMLConfigNode {
    /// `~`, `null` or nothing at all.
    var isNull: Bool {
        if case .scalar(let scalar) = node { return scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" }
        return false
    }

    var isMapping: Bool {
        if case .mapping = node { return true }
        return false
    }

    var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// The members of a mapping in file order, whatever their keys (label names, destination names).
    func entries() throws -> [(key: String, keyLine: Int?, value: YAMLConfigNode)] {
        if isNull { return [] }
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of keys to values") }
        var seen: Set<String> = []
        return try mapping.map { keyNode, valueNode in
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigurationError(file: file, line: keyNode.mark?.line, key: path, message: "keys must be plain strings")
            }
            let key = keyScalar.string
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            guard seen.insert(key).inserted else {
                throw ConfigurationError(file: file, line: keyNode.mark?.line, key: childPath, message: "key appears twice")
            }
            return (key, keyNode.mark?.line, YAMLConfigNode(node: valueNode, file: file, path: childPath))
        }
    }

    /// The items of a sequence, each knowing its index in the key path (`routes[2]`).
    func elements() throws -> [YAMLConfigNode] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { index, item in YAMLConfigNode(node: item, file: file, path: "\(path)[\(index)]") }
    }

    /// A string that must not be empty.
    func nonEmptyString() throws -> String {
        let value = try string().trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw error("must not be empty") }
        return value
    }

    /// `30s`, `5m`, `1h30m`, `500ms`, `2d`, or a number of seconds.
    func duration() throws -> Duration {
        guard case .scalar(let scalar) = node, let duration = ConfigDuration.parse(scalar.string) else {
            throw error("expected a duration such as 30s, 5m, 1h or a number of seconds")
        }
        return duration
    }

    /// A duration, or `off`/`false`/`0` for nil.
    func optionalDuration() throws -> Duration? {
        if case .scalar(let scalar) = node, ["off", "false", "no", "never"].contains(scalar.string.lowercased()) { return nil }
        let value = try duration()
        return value == .zero ? nil : value
    }

    /// One pattern or a list of them, each checked by `WildcardPattern.problem(in:)`.
    func patterns() throws -> [WildcardPattern] {
        let items: [YAMLConfigNode] = isSequence ? try elements() : [self]
        return try items.map { item in
            let text = try item.string()
            if let problem = WildcardPattern.problem(in: text) { throw item.error("bad pattern '\(text)': \(problem)") }
            return WildcardPattern(text)
        }
    }

    /// A single pattern, checked.
    func pattern() throws -> WildcardPattern {
        let text = try string()
        if let problem = WildcardPattern.problem(in: text) { throw error("bad pattern '\(text)': \(problem)") }
        return WildcardPattern(text)
    }

    /// One string or a list of them.
    func stringOrList() throws -> [String] {
        isSequence ? try stringList() : [try string()]
    }

    /// An error located at the key of a mapping member rather than at its value.
    func error(_ message: String, key: String, keyLine: Int?) -> ConfigurationError {
        ConfigurationError(file: file, line: keyLine ?? line, key: path.isEmpty ? key : "\(path).\(key)", message: message)
    }
}
