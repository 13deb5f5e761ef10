/// One event of a watch stream, decoded in a single pass: the object is decoded as `Object`, except for
/// BOOKMARK (only its resourceVersion is read) and ERROR (a `Status`).
public enum WatchEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    case deleted(Object)
    /// Only advances the resourceVersion; never an object.
    case bookmark(resourceVersion: String)
    /// An error inside the stream, e.g. 410 Expired for a too-old resourceVersion.
    case error(Status)
}

extension WatchEvent: Decodable where Object: Decodable {
    private enum CodingKeys: String, CodingKey { case type, object }

    private struct BookmarkObject: Decodable {
        var metadata: ListMetadata?
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "ADDED": self = .added(try container.decode(Object.self, forKey: .object))
        case "MODIFIED": self = .modified(try container.decode(Object.self, forKey: .object))
        case "DELETED": self = .deleted(try container.decode(Object.self, forKey: .object))
        case "BOOKMARK":
            let object = container.lenient(.object, as: BookmarkObject.self)
            self = .bookmark(resourceVersion: object?.metadata?.resourceVersion ?? "")
        case "ERROR":
            self = .error(container.lenient(.object, as: Status.self) ?? Status(code: 500, reason: "InternalError", message: "watch ERROR event without a Status"))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container, debugDescription: "unknown watch event type \(type)")
        }
    }
}
