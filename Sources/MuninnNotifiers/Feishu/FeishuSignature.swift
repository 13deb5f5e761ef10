import Crypto
import Foundation

/// Feishu's signature, which differs from DingTalk's: the timestamp is in **seconds**, and
/// `"<timestamp>\n<secret>"` is the HMAC-SHA256 **key** over an empty message; the base64 of the
/// result goes into the JSON body (not the URL), unencoded.
public enum FeishuSignature {
    public static func sign(timestamp: Int64, secret: String) -> String {
        let key = SymmetricKey(data: Array("\(timestamp)\n\(secret)".utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: [UInt8](), using: key)
        return Data(mac).base64EncodedString()
    }
}
