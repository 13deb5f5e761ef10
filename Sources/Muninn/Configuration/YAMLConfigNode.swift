import Yams

/// A node of a YAML configuration file that remembers where it came from, so every error can
/// name the file, the line and the key path (`watch.namespaces[2]`).
struct YAMLConfigNode {
    let node: Node
    let file: String
    let path: String

    /// Parses a whole file; an empty file is an empty mapping.
    ///
    /// Scalars are read as their text (`string()`, `bool()`, `int(in:)` interpret them), so no tag is resolved:
    /// Yams' default resolver compiles seven `NSRegularExpression`s (ICU's regular expressions and their data, in
    /// every process that reads a configuration) to tag values whose tag this type never asks for.
    static func parse(_ text: String, file: String) throws -> YAMLConfigNode {
        do {
            guard let node = try Yams.compose(yaml: text, .basic) else {
                return YAMLConfigNode(node: .mapping(Node.Mapping([], Tag(.implicit, .basic))), file: file, path: "")
            }
            return YAMLConfigNode(node: node, file: file, path: "")
        } catch let error as YamlError {
            throw ConfigurationError(file: file, line: Self.line(of: error), key: nil, message: Self.problem(of: error))
        }
    }

    var line: Int? { node.mark?.line }

    func error(_ message: String) -> ConfigurationError {
        ConfigurationError(file: file, line: line, key: path, message: message)
    }

    private func child(_ node: Node, key: String) -> YAMLConfigNode {
        YAMLConfigNode(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)")
    }

    /// The members of a mapping, rejecting keys not in `allowed` with a suggestion for near misses.
    func mapping(allowedKeys allowed: [String]) throws -> [String: YAMLConfigNode] {
        guard case .mapping(let mapping) = node else {
            if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" {
                return [:]
            }
            throw error("expected a mapping of keys to values")
        }
        var members: [String: YAMLConfigNode] = [:]
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                throw ConfigurationError(file: file, line: keyNode.mark?.line, key: path, message: "keys must be plain strings")
            }
            let key = keyScalar.string
            guard allowed.contains(key) else {
                let location = ConfigurationError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : "\(path).\(key)", message: "")
                var message = "unknown key"
                if let suggestion = Self.closest(to: key, in: allowed) { message += "; did you mean '\(suggestion)'?" }
                message += " (allowed: \(allowed.joined(separator: ", ")))"
                throw ConfigurationError(file: location.file, line: location.line, key: location.key, message: message)
            }
            if members[key] != nil {
                throw ConfigurationError(file: file, line: keyNode.mark?.line, key: path.isEmpty ? key : "\(path).\(key)", message: "key appears twice")
            }
            members[key] = child(valueNode, key: key)
        }
        return members
    }

    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a string") }
        return scalar.string
    }

    func bool() throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, got '\(scalar.string)'")
        }
    }

    func int(in range: ClosedRange<Int>) throws -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else { throw error("expected a whole number") }
        guard range.contains(value) else { throw error("must be between \(range.lowerBound) and \(range.upperBound), got \(value)") }
        return value
    }

    func stringList() throws -> [String] {
        switch node {
        case .sequence(let sequence):
            return try sequence.enumerated().map { index, item in
                let element = YAMLConfigNode(node: item, file: file, path: "\(path)[\(index)]")
                return try element.string()
            }
        case .scalar(let scalar) where scalar.string.isEmpty:
            return []
        default:
            throw error("expected a list of strings")
        }
    }

    /// Closest allowed key by edit distance, if it is plausibly a typo.
    static func closest(to key: String, in allowed: [String]) -> String? {
        let scored = allowed.map { ($0, editDistance(key.lowercased(), $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, key.count / 3) { return best.0 }
        // `channel` for `defaultChannel`: a longer key that contains the one written.
        guard key.count >= 4 else { return nil }
        return allowed.first { $0.lowercased().contains(key.lowercased()) }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return "not valid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            return "not valid YAML: duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "not valid YAML"
        }
    }
}
