/// Writes compact JSON the way Go's encoding/json does, which is what kube-apiserver emits:
/// no spaces, keys in stored order, `<`, `>` and `&` escaped as `\u003c`, `\u003e`, `\u0026`,
/// and U+2028/U+2029 escaped.
public enum JSONWriter {
    public static func write(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let b): output.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): output.append(contentsOf: String(i).utf8)
        case .double(let d): output.append(contentsOf: format(d).utf8)
        case .string(let s): writeString(s, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for (key, member) in object {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(member, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    public static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var index = 0
            var runStart = 0
            // Copy runs of bytes that need no escaping in one go; that is nearly every byte.
            while index < bytes.count {
                let byte = bytes[index]
                let escape: Bool
                var length = 1
                switch byte {
                case 0x22, 0x5C, 0x3C, 0x3E, 0x26, 0x00..<0x20: escape = true
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = true
                    length = 3
                default: escape = false
                }
                if !escape {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch byte {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let value: UInt32 = length == 3 ? (bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029) : UInt32(byte)
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u")])
                    output.append(hex[Int((value >> 12) & 0xF)])
                    output.append(hex[Int((value >> 8) & 0xF)])
                    output.append(hex[Int((value >> 4) & 0xF)])
                    output.append(hex[Int(value & 0xF)])
                }
                index += length
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Integral doubles print without a fraction, like Go (`3` not `3.0`); non-finite values,
    /// which JSON cannot carry, become null.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }
}

extension JSONValue {
    /// Compact JSON bytes.
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        JSONWriter.write(self, into: &output)
        return output
    }

    /// Compact JSON text.
    public func serializedString() -> String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
