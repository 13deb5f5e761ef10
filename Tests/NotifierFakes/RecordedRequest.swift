import Foundation

/// A request as a fake received it: the raw bytes, so tests can check signatures over them.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    /// The query exactly as sent (still percent-encoded).
    public var rawQuery: String
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(method: String, path: String, rawQuery: String = "", headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The query decoded the way standard servers do: `+` is a space, then percent-decoding.
    public var query: [String: String] { FormDecoding.decode(rawQuery) }
}
