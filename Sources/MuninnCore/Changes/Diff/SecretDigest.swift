import Crypto
import Foundation

/// What a Secret's values become in normalised manifests, diffs and the history: `sha256:` and the first 12 hex
/// digits of the SHA-256 of the value. Enough to see that a key changed (and that two clusters hold the same
/// value), never enough to recover it.
enum SecretDigest {
    static let prefix = "sha256:"
    static let hexDigits = 12

    /// The digest of a `data` value: of the decoded bytes when it is base64 (as the server sends it), so the same
    /// secret given through `stringData` has the same digest.
    static func ofData(_ base64: String) -> String {
        if isDigest(base64) { return base64 }
        if let decoded = Data(base64Encoded: base64) { return digest(decoded) }
        return digest(Data(base64.utf8))
    }

    /// The digest of a `stringData` value (plain text).
    static func ofString(_ text: String) -> String {
        isDigest(text) ? text : digest(Data(text.utf8))
    }

    /// Already a digest: normalising a normalised manifest must change nothing.
    static func isDigest(_ text: String) -> Bool {
        guard text.hasPrefix(prefix) else { return false }
        let hex = text.dropFirst(prefix.count)
        return hex.count == hexDigits && hex.allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }

    private static func digest(_ data: Data) -> String {
        let hash = SHA256.hash(data: data)
        let hex = hash.prefix(hexDigits / 2).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
        return prefix + hex
    }
}
