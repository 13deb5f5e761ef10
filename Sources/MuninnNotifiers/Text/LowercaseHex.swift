/// Bytes as lowercase hexadecimal digits, for the ids derived from hashes (`webhook-id`, dedup keys): written
/// directly rather than through `String(format:)`, which costs a Foundation formatting call per byte.
enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    static func text(_ bytes: some Sequence<UInt8>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            utf8.append(digits[Int(byte >> 4)])
            utf8.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
