import Foundation

/// A request as a fake received it: the raw bytes, so tests can check signatures over them.
struct RecordedRequest: Sendable {
    var method: String
    var path: String
    /// The query exactly as sent (still percent-encoded).
    var rawQuery: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The query decoded the way standard servers do: `+` is a space, then percent-decoding.
    var query: [String: String] { FormDecoding.decode(rawQuery) }
}
