import Foundation
import Yams

/// Typed access to a composed YAML document that reports mistakes with their position and key.
struct ScenarioYAMLReader {
    func error(_ node: Node?, _ key: String, _ message: String) -> ScenarioError {
        ScenarioError(line: node?.mark?.line ?? 0, column: node?.mark?.column ?? 0, key: key, message: message)
    }

    /// The members of a mapping, rejecting keys outside `allowed` (typos must not pass silently).
    func mapping(_ node: Node, _ key: String, allowed: Set<String>) throws(ScenarioError) -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, key, "expected a mapping") }
        var members: [String: Node] = [:]
        for (name, value) in mapping {
            guard let string = name.string else { throw error(name, key, "keys must be strings") }
            guard allowed.contains(string) else {
                throw error(name, key.isEmpty ? string : "\(key).\(string)", "unknown key '\(string)'; allowed: \(allowed.sorted().joined(separator: ", "))")
            }
            members[string] = value
        }
        return members
    }

    func sequence(_ node: Node, _ key: String) throws(ScenarioError) -> [Node] {
        guard let sequence = node.sequence else { throw error(node, key, "expected a list") }
        return Array(sequence)
    }

    func required(_ members: [String: Node], _ name: String, in parent: Node, _ key: String) throws(ScenarioError) -> Node {
        guard let node = members[name] else { throw error(parent, key.isEmpty ? name : "\(key).\(name)", "missing required key '\(name)'") }
        return node
    }

    func string(_ node: Node, _ key: String) throws(ScenarioError) -> String {
        guard let scalar = node.scalar else { throw error(node, key, "expected a string") }
        return scalar.string
    }

    func int(_ node: Node, _ key: String) throws(ScenarioError) -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string) else { throw error(node, key, "expected an integer, got '\(node.scalar?.string ?? "a collection")'") }
        return value
    }

    func bool(_ node: Node, _ key: String) throws(ScenarioError) -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(node, key, "expected true or false")
        }
    }

    func strings(_ node: Node, _ key: String) throws(ScenarioError) -> [String] {
        var values: [String] = []
        for (index, item) in try sequence(node, key).enumerated() { values.append(try string(item, "\(key)[\(index)]")) }
        return values
    }

    func stringMap(_ node: Node, _ key: String) throws(ScenarioError) -> [String: String] {
        guard let mapping = node.mapping else { throw error(node, key, "expected a mapping") }
        var values: [String: String] = [:]
        for (name, value) in mapping {
            guard let name = name.string else { throw error(value, key, "keys must be strings") }
            values[name] = try string(value, "\(key).\(name)")
        }
        return values
    }

    /// `30s`, `2m`, `1m30s`, `1h`, `500ms`, or a plain number of seconds.
    func duration(_ node: Node, _ key: String) throws(ScenarioError) -> TimeInterval {
        guard let text = node.scalar?.string.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            throw error(node, key, "expected a duration like 30s, 2m or 1m30s")
        }
        if let seconds = Double(text), seconds >= 0 { return seconds }
        var total: TimeInterval = 0
        var number = ""
        var rest = Substring(text)
        while let first = rest.first {
            if first.isNumber || first == "." {
                number.append(first)
                rest = rest.dropFirst()
                continue
            }
            let unit: String, scale: Double
            if rest.hasPrefix("ms") { unit = "ms"; scale = 0.001 }
            else if rest.hasPrefix("h") { unit = "h"; scale = 3600 }
            else if rest.hasPrefix("m") { unit = "m"; scale = 60 }
            else if rest.hasPrefix("s") { unit = "s"; scale = 1 }
            else { throw error(node, key, "invalid duration '\(text)'; use units h, m, s, ms (e.g. 1m30s)") }
            guard let value = Double(number) else { throw error(node, key, "invalid duration '\(text)'; use units h, m, s, ms (e.g. 1m30s)") }
            total += value * scale
            number = ""
            rest = rest.dropFirst(unit.count)
        }
        guard number.isEmpty else { throw error(node, key, "invalid duration '\(text)': a number needs a unit (h, m, s, ms)") }
        return total
    }

    func oneOf<T: RawRepresentable & CaseIterable>(_ node: Node, _ key: String, _ type: T.Type) throws(ScenarioError) -> T where T.RawValue == String {
        let text = try string(node, key)
        guard let value = T(rawValue: text) else {
            throw error(node, key, "unknown value '\(text)'; allowed: \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
