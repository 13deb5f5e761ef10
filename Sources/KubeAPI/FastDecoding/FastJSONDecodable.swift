import KubeJSON

/// A type with a fast decoder over JSON bytes (`JSONCursor`) that gives exactly what its `Decodable` conformance
/// gives, or throws `FastJSONUnsupported` so the caller falls back to `JSONDecoder`.
protocol FastJSONDecodable {
    /// Decodes the value at the cursor (an object), consuming it.
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported)
}

extension JSONCursor {
    /// `lenient(_:)` of a nested object: decoded if an object is there; nil for null or another type (consumed).
    mutating func lenientObject<T>(_ decode: (inout JSONCursor) throws(FastJSONUnsupported) -> T) throws(FastJSONUnsupported) -> T? {
        switch try objectFollows() {
        case nil: return nil
        case false?:
            try skipValue()
            return nil
        case true?: return try decode(&self)
        }
    }

    /// `lenientArray(_:)`: the elements that are objects, decoded; empty for null or another type.
    mutating func lenientArray<T>(_ decode: (inout JSONCursor) throws(FastJSONUnsupported) -> T) throws(FastJSONUnsupported) -> [T] {
        switch try arrayFollows() {
        case nil: return []
        case false?:
            try skipValue()
            return []
        case true?:
            var elements: [T] = []
            try readArray { cursor throws(FastJSONUnsupported) in
                if let element = try cursor.lenientObject(decode) { elements.append(element) }
            }
            return elements
        }
    }

    /// `lenientStringMap(_:)`: every value a string, else empty. The first of duplicate names wins, as in Foundation.
    mutating func lenientStringMap() throws(FastJSONUnsupported) -> [String: String] {
        switch try objectFollows() {
        case nil: return [:]
        case false?:
            try skipValue()
            return [:]
        case true?:
            var map = [String: String](minimumCapacity: memberCount())
            var failed = false
            try readObject { cursor, key throws(FastJSONUnsupported) in
                guard case .value(let value) = try cursor.readString() else {
                    failed = true
                    return
                }
                let name = cursor.keyString(key)
                if map[name] == nil { map[name] = value }
            }
            return failed ? [:] : map
        }
    }

    /// A lenient `KubeTime`: an RFC 3339 string, else nil.
    mutating func lenientTime() throws(FastJSONUnsupported) -> KubeTime? {
        guard let text = try readString().lenient, let date = RFC3339.parse(text) else { return nil }
        return KubeTime(date)
    }

    /// A key's name (keys reaching here are plain ASCII).
    func keyString(_ key: Key) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[key.start..<key.end]), as: UTF8.self)
    }
}

/// Which fields of an object were seen, so that the first of duplicate names wins as in Foundation.
struct SeenFields {
    private var bits: UInt64 = 0

    /// True the first time `field` is seen.
    mutating func first(_ field: Int) -> Bool {
        let mask: UInt64 = 1 << UInt64(field)
        defer { bits |= mask }
        return bits & mask == 0
    }
}
