import Foundation

/// The JSON columns: Codable values as Foundation's default JSONEncoder writes them (dates as seconds since
/// 2001, which round-trip exactly), the same encoding the rest of Muninn uses.
enum StoredJSON {
    static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func value<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
