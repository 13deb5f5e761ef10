import Foundation
import KubeJSON

/// RFC 6902 JSON Patch (`application/json-patch+json`).
enum JSONPatch {
    static func apply(_ patch: JSONValue, to original: JSONValue) throws(APIStatus) -> JSONValue {
        guard let operations = patch.arrayValue else {
            throw APIStatus.badRequest("json patch must be an array of operations")
        }
        var document = original
        for operation in operations {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue else {
                throw APIStatus.badRequest("json patch operation needs \"op\" and \"path\"")
            }
            let pointer = try parsePointer(path)
            switch op {
            case "add":
                document = try set(document, pointer, operation["value"] ?? .null, inserting: true)
            case "replace":
                guard get(document, pointer) != nil else { throw missing(path) }
                document = try set(document, pointer, operation["value"] ?? .null, inserting: false)
            case "remove":
                document = try remove(document, pointer, path: path)
            case "test":
                guard get(document, pointer) == operation["value"] else {
                    throw APIStatus.invalid(kind: "Patch", group: "", name: "", causes: [
                        .init(reason: "FieldValueInvalid", message: "testing value at \(path) failed", field: path),
                    ])
                }
            case "move", "copy":
                guard let from = operation["from"]?.stringValue else { throw APIStatus.badRequest("\(op) needs \"from\"") }
                let fromPointer = try parsePointer(from)
                guard let value = get(document, fromPointer) else { throw missing(from) }
                if op == "move" { document = try remove(document, fromPointer, path: from) }
                document = try set(document, pointer, value, inserting: true)
            default:
                throw APIStatus.badRequest("Unexpected kind: \(op)")
            }
        }
        return document
    }

    private static func missing(_ path: String) -> APIStatus {
        APIStatus.invalid(kind: "Patch", group: "", name: "", causes: [
            .init(reason: "FieldValueInvalid", message: "doc is missing path: \"\(path)\"", field: path),
        ])
    }

    private static func parsePointer(_ path: String) throws(APIStatus) -> [String] {
        if path.isEmpty { return [] }
        guard path.hasPrefix("/") else { throw APIStatus.badRequest("invalid JSON pointer: \(path)") }
        return path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }

    private static func get(_ value: JSONValue, _ pointer: [String]) -> JSONValue? {
        var current: JSONValue? = value
        for token in pointer {
            switch current {
            case .object(let object)?: current = object[token]
            case .array(let items)?:
                guard let index = Int(token), items.indices.contains(index) else { return nil }
                current = items[index]
            default: return nil
            }
        }
        return current
    }

    private static func set(_ value: JSONValue, _ pointer: [String], _ newValue: JSONValue, inserting: Bool) throws(APIStatus) -> JSONValue {
        guard let token = pointer.first else { return newValue }
        let rest = Array(pointer.dropFirst())
        switch value {
        case .object(var object):
            if rest.isEmpty {
                object[token] = newValue
            } else {
                guard let child = object[token] else { throw missing("/" + pointer.joined(separator: "/")) }
                object[token] = try set(child, rest, newValue, inserting: inserting)
            }
            return .object(object)
        case .array(var items):
            if rest.isEmpty {
                if token == "-" && inserting { items.append(newValue); return .array(items) }
                guard let index = Int(token), index >= 0, index <= items.count else { throw missing(token) }
                if inserting { items.insert(newValue, at: index) } else if index < items.count { items[index] = newValue }
                else { throw missing(token) }
                return .array(items)
            }
            guard let index = Int(token), items.indices.contains(index) else { throw missing(token) }
            items[index] = try set(items[index], rest, newValue, inserting: inserting)
            return .array(items)
        default:
            throw missing("/" + pointer.joined(separator: "/"))
        }
    }

    private static func remove(_ value: JSONValue, _ pointer: [String], path: String) throws(APIStatus) -> JSONValue {
        guard let token = pointer.first else { throw missing(path) }
        let rest = Array(pointer.dropFirst())
        switch value {
        case .object(var object):
            guard let child = object[token] else { throw missing(path) }
            object[token] = rest.isEmpty ? nil : try remove(child, rest, path: path)
            return .object(object)
        case .array(var items):
            guard let index = Int(token), items.indices.contains(index) else { throw missing(path) }
            if rest.isEmpty { items.remove(at: index) } else { items[index] = try remove(items[index], rest, path: path) }
            return .array(items)
        default:
            throw missing(path)
        }
    }
}
