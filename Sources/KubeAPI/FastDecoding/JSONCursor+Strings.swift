extension JSONCursor {
    /// Consumes a string that is read (strictly: control characters and bad escapes throw); returns the range
    /// between the quotes and whether it holds escapes.
    mutating func scanString() throws(FastJSONUnsupported) -> (start: Int, end: Int, escaped: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while true {
            index = ByteScan.firstQuoteBackslashOrControl(in: bytes, from: index)
            guard index < bytes.count else { throw FastJSONUnsupported() }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return (start, index - 1, escaped)
            case UInt8(ascii: "\\"):
                escaped = true
                guard index + 1 < bytes.count else { throw FastJSONUnsupported() }
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= bytes.count else { throw FastJSONUnsupported() }
                    for offset in 2..<6 where Self.hexValue(bytes[index + offset]) == nil { throw FastJSONUnsupported() }
                    index += 6
                default:
                    throw FastJSONUnsupported()
                }
            default:
                throw FastJSONUnsupported()  // a control character
            }
        }
    }

    /// The text of a scanned string. Strings that are not valid UTF-8, or escape lone surrogates, throw.
    func decodeString(_ start: Int, _ end: Int, escaped: Bool) throws(FastJSONUnsupported) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if !escaped { return try Self.validatedUTF8(raw) }
        var output: [UInt8] = []
        output.reserveCapacity(end - start)
        var position = start
        while position < end {
            let byte = bytes[position]
            guard byte == UInt8(ascii: "\\") else {
                output.append(byte)
                position += 1
                continue
            }
            let escape = bytes[position + 1]
            position += 2
            switch escape {
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(at: position)
                position += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one.
                    guard position + 6 <= end, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw FastJSONUnsupported()
                    }
                    let low = hex4(at: position + 2)
                    guard (0xDC00...0xDFFF).contains(low) else { throw FastJSONUnsupported() }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    position += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw FastJSONUnsupported()
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw FastJSONUnsupported() }
                output.append(contentsOf: UTF8.encode(unicode).map { Array($0) } ?? [])
            default: output.append(escape)  // \" \\ \/
            }
        }
        guard let text = output.withUnsafeBytes({ try? Self.validatedUTF8($0) }) else { throw FastJSONUnsupported() }
        return text
    }

    /// A String of UTF-8 bytes, or a throw if they are not valid UTF-8. `String(validating:as:)` is generic and
    /// not specialised in the standard library (a metadata lookup for every string); `String(decoding:as:)` is, and
    /// it replaces invalid sequences with U+FFFD, so a string that came out different from its bytes was invalid.
    private static func validatedUTF8(_ raw: UnsafeRawBufferPointer) throws(FastJSONUnsupported) -> String {
        let text = String(decoding: raw, as: UTF8.self)
        if ByteScan.isASCII(raw, 0, raw.count) { return text }
        guard text.utf8.elementsEqual(raw) else { throw FastJSONUnsupported() }
        return text
    }

    private func hex4(at position: Int) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 { value = value << 4 | UInt32(Self.hexValue(bytes[position + offset]) ?? 0) }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
