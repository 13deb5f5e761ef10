import Foundation
import KubeJSON

/// The field types of one index, from the matching index template or, without one, from the first document that had
/// each field (dynamic mapping). A value that does not fit its field's type is refused the way Elasticsearch refuses it.
struct FakeElasticsearchMapping: Sendable {
    /// Field name -> type (`keyword`, `text`, `date`, `long`, `integer`, `boolean`, `object`), and the date format.
    var types: [String: (type: String, format: String?)] = [:]

    init() {}

    /// The `template.mappings.properties` of an index template.
    init(template: JSONValue) {
        for (name, property) in template[path: ["template", "mappings", "properties"]]?.objectValue ?? JSONObject() {
            if let type = property["type"]?.stringValue { types[name] = (type, property["format"]?.stringValue) }
        }
    }

    /// The reason a document does not fit (`document_parsing_exception`), nil when it does; learns new fields.
    mutating func check(_ source: JSONObject) -> String? {
        for (name, value) in source where value != .null {
            guard let field = types[name] else {
                types[name] = (Self.dynamicType(of: value), nil)
                continue
            }
            if !Self.fits(value, type: field.type, format: field.format) {
                return "[1:\(name.count + 3)] failed to parse field [\(name)] of type [\(field.type)] in document: \(value.serializedString().prefix(80))"
            }
        }
        return nil
    }

    private static func dynamicType(of value: JSONValue) -> String {
        switch value {
        case .bool: "boolean"
        case .int: "long"
        case .double: "float"
        case .object: "object"
        case .array(let elements): elements.first.map(dynamicType) ?? "text"
        default: "text"
        }
    }

    private static func fits(_ value: JSONValue, type: String, format: String?) -> Bool {
        if case .array(let elements) = value { return elements.allSatisfy { fits($0, type: type, format: format) } }
        switch type {
        case "keyword", "text": if case .object = value { return false } else { return true }
        case "long", "integer":
            if value.intValue != nil { return true }
            return value.stringValue.flatMap { Int64($0) } != nil
        case "float", "double": return value.doubleValue != nil
        case "boolean": return value.boolValue != nil || value.stringValue == "true" || value.stringValue == "false"
        case "date":
            if format == "epoch_millis" { return value.intValue != nil || value.stringValue.flatMap { Int64($0) } != nil }
            // The default format, strict_date_optional_time||epoch_millis.
            if value.intValue != nil { return true }
            guard let text = value.stringValue else { return false }
            return isoDate(text)
        case "object": if case .object = value { return true } else { return false }
        default: return true
        }
    }

    private static func isoDate(_ text: String) -> Bool {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) != nil || ISO8601DateFormatter().date(from: text) != nil
    }
}
