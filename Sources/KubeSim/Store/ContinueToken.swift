import Foundation
import KubeJSON

/// The apiserver's continue token: base64url (no padding) of
/// `{"v":"meta.k8s.io/v1","rv":<int64>,"start":"<next key>"}` (PROTOCOL.md §3.5).
struct ContinueToken: Sendable, Equatable {
    var resourceVersion: Int64
    /// The key to resume from: the last returned key followed by NUL.
    var start: String

    func encoded() -> String {
        let json: JSONValue = ["v": "meta.k8s.io/v1", "rv": .int(resourceVersion), "start": .string(start)]
        return Data(json.serialized()).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    init(resourceVersion: Int64, start: String) {
        self.resourceVersion = resourceVersion
        self.start = start
    }

    init(decoding token: String) throws(APIStatus) {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else {
            throw APIStatus.badRequest("invalid continue token: continue key is not valid: illegal base64 data")
        }
        let json: JSONValue
        do { json = try JSONValue(parsing: data) } catch {
            throw APIStatus.badRequest("invalid continue token: continue key is not valid: \(error)")
        }
        guard json["v"]?.stringValue == "meta.k8s.io/v1" else {
            throw APIStatus.badRequest("invalid continue token: continue key is not valid: server does not recognize this encoded key")
        }
        guard let rv = json["rv"]?.intValue, rv != 0 else {
            throw APIStatus.badRequest(
                "invalid continue token: continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)")
        }
        guard let start = json["start"]?.stringValue, !start.isEmpty else {
            throw APIStatus.badRequest("invalid continue token: continue key is not valid: encoded start key empty")
        }
        self.resourceVersion = rv
        self.start = start
    }

    /// The key after which the next page starts.
    var resumeAfterPath: String { start.hasSuffix("\u{0}") ? String(start.dropLast()) : start }
}
