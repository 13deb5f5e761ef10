import Crypto
import Foundation

/// Standard Webhooks signing: `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`.
public struct WebhookSignature: Sendable {
    private let key: SymmetricKey

    /// `whsec_` secrets carry a base64 key; other secrets are used as UTF-8 bytes.
    public init(secret: String) {
        if secret.hasPrefix("whsec_"), let decoded = Data(base64Encoded: String(secret.dropFirst("whsec_".count))), !decoded.isEmpty {
            key = SymmetricKey(data: decoded)
        } else {
            key = SymmetricKey(data: Array(secret.utf8))
        }
    }

    /// The `webhook-signature` header value for exactly these body bytes.
    public func header(id: String, timestamp: Int64, body: [UInt8]) -> String {
        var signed = Array("\(id).\(timestamp).".utf8)
        signed.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: signed, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}
