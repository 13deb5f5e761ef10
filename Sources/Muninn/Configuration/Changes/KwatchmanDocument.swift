import Foundation
import KubeJSON
import TOMLKit
import Yams

/// A kwatchman configuration file read into JSON values, whatever its format: viper picks the format from the
/// extension (`.toml`, `.yaml`/`.yml`, `.json`), and so does Muninn. Dates and times in TOML become strings.
enum KwatchmanDocument {
    static func parse(_ text: String, file: String) throws -> JSONValue {
        switch URL(fileURLWithPath: file).pathExtension.lowercased() {
        case "toml", "":
            if let problem = TOMLHeaderCheck.problem(in: text) {
                throw ConfigurationError(file: file, line: problem.line, key: nil, message: "not valid TOML: \(problem.message)")
            }
            do {
                return json(try TOMLTable(string: text))
            } catch let error as TOMLParseError {
                throw ConfigurationError(file: file, line: error.source.begin.line, key: nil, message: "not valid TOML: \(error.description)")
            }
        case "yaml", "yml":
            let loaded: Any?
            do {
                loaded = try Yams.load(yaml: text)
            } catch {
                throw ConfigurationError(file: file, line: nil, key: nil, message: "not valid YAML: \(error)")
            }
            return json(any: loaded)
        case "json":
            do {
                return try JSONValue(parsing: text)
            } catch {
                throw ConfigurationError(file: file, line: nil, key: nil, message: "not valid JSON: \(error)")
            }
        case let other:
            throw ConfigurationError(file: file, line: nil, key: nil, message: "unsupported config type '\(other)' (kwatchman files are .toml, .yaml, .yml or .json)")
        }
    }

    private static func json(_ table: TOMLTable) -> JSONValue {
        .object(JSONObject(table.map { key, value in (key, json(value)) }))
    }

    private static func json(_ value: any TOMLValueConvertible) -> JSONValue {
        if let table = value.table { return json(table) }
        if let array = value.array { return .array(array.map { json($0) }) }
        if let string = value.string { return .string(string) }
        if let bool = value.bool { return .bool(bool) }
        if let int = value.int { return .int(Int64(int)) }
        if let double = value.double { return .double(double) }
        return .string(value.tomlValue.debugDescription)
    }

    private static func json(any value: Any?) -> JSONValue {
        switch value {
        case nil: return .null
        case let dictionary as [String: Any]:
            return .object(JSONObject(dictionary.sorted { $0.key < $1.key }.map { ($0.key, json(any: $0.value)) }))
        case let dictionary as [AnyHashable: Any]:
            return .object(JSONObject(dictionary.map { ("\($0.key)", json(any: $0.value)) }.sorted { $0.0 < $1.0 }))
        case let array as [Any]: return .array(array.map { json(any: $0) })
        case let string as String: return .string(string)
        case let bool as Bool: return .bool(bool)
        case let int as Int: return .int(Int64(int))
        case let double as Double: return .double(double)
        case let some?: return .string("\(some)")
        }
    }

    /// The line of the `index`th `[[name]]` header (case-insensitive, as viper reads keys), for error messages.
    static func headerLine(_ name: String, index: Int, in text: String) -> Int? {
        var seen = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let compact = line.filter { !$0.isWhitespace }.lowercased()
            guard compact.hasPrefix("[[\(name.lowercased())]]") else { continue }
            if seen == index { return number + 1 }
            seen += 1
        }
        return nil
    }
}
