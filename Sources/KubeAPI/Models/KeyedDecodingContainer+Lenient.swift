extension KeyedDecodingContainer {
    /// Decodes an optional field that may be missing, `null` or of an unexpected type.
    ///
    /// `try?` on purpose: a malformed non-essential field (a new server's change of shape, a third-party
    /// controller's odd value) must never fail the whole object around it.
    func lenient<T: Decodable>(_ key: Key, as type: T.Type = T.self) -> T? {
        (try? decodeIfPresent(T.self, forKey: key)) ?? nil
    }

    /// Decodes an array field, treating missing, `null` or malformed as empty and skipping malformed elements.
    func lenientArray<T: Decodable>(_ key: Key, of type: T.Type = T.self) -> [T] {
        guard let elements = lenient(key, as: [LenientElement<T>].self) else { return [] }
        return elements.compactMap(\.value)
    }

    /// Decodes a string map (labels, annotations), treating missing, `null` or malformed as empty.
    func lenientStringMap(_ key: Key) -> [String: String] {
        lenient(key, as: [String: String].self) ?? [:]
    }
}

/// One array element that decodes to `nil` instead of failing the array.
struct LenientElement<T: Decodable>: Decodable {
    var value: T?

    init(from decoder: any Decoder) throws {
        // try? on purpose: see `lenient(_:as:)`.
        value = try? T(from: decoder)
    }
}
