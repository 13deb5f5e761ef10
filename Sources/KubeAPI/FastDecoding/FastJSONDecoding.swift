/// The fast path in front of `JSONDecoder`: for types with a fast decoder (pods, their lists and watch events) it
/// decodes in one pass over the bytes, skipping what Muninn does not keep; for anything else, or input it leaves
/// to Foundation, it returns nil and the caller decodes as before.
enum FastJSONDecoding {
    static func decode<T>(_ type: T.Type, from bytes: [UInt8]) -> T? {
        bytes.withUnsafeBytes { decode(type, fromBytes: $0) }
    }

    /// The same over borrowed bytes (a watch line still in the stream's buffer).
    static func decode<T>(_ type: T.Type, fromBytes raw: UnsafeRawBufferPointer) -> T? {
        guard let fastType = T.self as? any FastJSONDecodable.Type else { return nil }
        var cursor = JSONCursor(raw)
        do {
            let value = try fastType.init(fastJSON: &cursor)
            try cursor.expectEnd()
            return value as? T
        } catch {
            return nil
        }
    }

    /// The value at the start of `raw` and how many bytes it took, when the bytes may go on after it (a list
    /// item with the next ones behind it); nil where the fast path declines, or the value is not all there.
    static func decodePrefix<T>(_ type: T.Type, fromBytes raw: UnsafeRawBufferPointer) -> (value: T, length: Int)? {
        guard let fastType = T.self as? any FastJSONDecodable.Type else { return nil }
        var cursor = JSONCursor(raw)
        do {
            guard let value = try fastType.init(fastJSON: &cursor) as? T else { return nil }
            return (value, cursor.index)
        } catch {
            return nil
        }
    }
}

extension ObjectList: FastJSONDecodable where Item: FastJSONDecodable {
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        var metadata: ListMetadata?
        var items: [Item] = []
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "metadata"), seen.first(0) {
                metadata = try cursor.lenientObject(ListMetadata.init(fastJSON:)) ?? nil
            } else if cursor.key(key, is: "items"), seen.first(1) {
                // Items are essential: anything but an array of objects is Foundation's to reject.
                guard try cursor.arrayFollows() != nil else { return }
                try cursor.readArray { cursor throws(FastJSONUnsupported) in items.append(try Item(fastJSON: &cursor)) }
            } else {
                try cursor.skipValue()
            }
        }
        self.init(metadata: metadata ?? ListMetadata(), items: items)
    }
}

extension ListMetadata {
    /// The synthesized `Decodable` of `ListMetadata`: a field of the wrong type fails the whole value (nil here).
    init?(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        self.init()
        var failed = false
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "resourceVersion"), seen.first(0) {
                switch try cursor.readString() {
                case .value(let value): resourceVersion = value
                case .null: break
                case .mismatch: failed = true
                }
            } else if cursor.key(key, is: "continue"), seen.first(1) {
                switch try cursor.readString() {
                case .value(let value): self.continue = value
                case .null: break
                case .mismatch: failed = true
                }
            } else if cursor.key(key, is: "remainingItemCount"), seen.first(2) {
                switch try cursor.readInt() {
                case .value(let value): remainingItemCount = value
                case .null: break
                case .mismatch: failed = true
                }
            } else {
                try cursor.skipValue()
            }
        }
        if failed { return nil }
    }
}

extension WatchEvent: FastJSONDecodable where Object: FastJSONDecodable {
    /// Object-carrying events whose `type` comes first, as the API server writes them; bookmarks, errors and
    /// other orders are Foundation's.
    init(fastJSON cursor: inout JSONCursor) throws(FastJSONUnsupported) {
        var kind: WatchEventKind?
        var object: Object?
        var seen = SeenFields()
        try cursor.readObject { cursor, key throws(FastJSONUnsupported) in
            if cursor.key(key, is: "type"), seen.first(0) {
                guard kind == nil, object == nil, case .value(let type) = try cursor.readString() else { throw FastJSONUnsupported() }
                switch type {
                case "ADDED": kind = .added
                case "MODIFIED": kind = .modified
                case "DELETED": kind = .deleted
                default: throw FastJSONUnsupported()
                }
            } else if cursor.key(key, is: "object"), seen.first(1) {
                guard kind != nil else { throw FastJSONUnsupported() }
                object = try Object(fastJSON: &cursor)
            } else {
                try cursor.skipValue()
            }
        }
        guard let kind, let object else { throw FastJSONUnsupported() }
        switch kind {
        case .added: self = .added(object)
        case .modified: self = .modified(object)
        case .deleted, .bookmark: self = .deleted(object)
        }
    }
}
