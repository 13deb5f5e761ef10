import Crypto
import Foundation

/// DingTalk's 加签: base64(HMAC-SHA256(key: secret, data: "<timestamp ms>\n<secret>")).
public enum DingTalkSignature {
    /// The signature before URL encoding.
    public static func sign(timestamp: Int64, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp)\n\(secret)".utf8), using: key)
        return Data(mac).base64EncodedString()
    }
}
