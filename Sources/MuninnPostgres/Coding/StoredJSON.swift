import Foundation

/// The JSONB columns: Codable values as Foundation's default JSONEncoder writes them (dates as seconds
/// since 2001, which round-trip exactly: JSONB keeps numbers as exact decimals), the same encoding as the
/// SQLite store. One value per batch of rows: a coder made once serves many rows.
struct StoredJSON {
    private let encoder = JSONEncoder()
    private let decoder = JSONDecoder()

    func text<T: Encodable>(_ value: T) throws -> String {
        StorableText.json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    func value<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try decoder.decode(type, from: Data(text.utf8))
    }

    static func text<T: Encodable>(_ value: T) throws -> String {
        try StoredJSON().text(value)
    }

    static func value<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try StoredJSON().value(type, from: text)
    }
}
