extension JSONCursor {
    /// Consumes one value of any type by its structure alone: inside a container only quotes, backslashes and
    /// brackets are looked at, and strings are crossed eight bytes at a time. On valid JSON this ends exactly where
    /// the value ends. What it skips is not validated (an API server sends valid JSON, and validating managedFields
    /// byte by byte was most of the decoder's time), so damage inside a skipped subtree may pass unnoticed; damage
    /// that breaks the structure (an unclosed string or bracket, truncation) still throws. Nesting is limited as
    /// Foundation limits it.
    mutating func skipValue(depth: Int = 1) throws(FastJSONUnsupported) {
        switch try peek() {
        case UInt8(ascii: "{"), UInt8(ascii: "["): try skipContainer(depthLimit: Self.maximumDepth - depth + 1)
        case UInt8(ascii: "\""): try skipString()
        default: try skipScalar()
        }
    }

    /// Consumes the string that starts here (after whitespace).
    mutating func skipString() throws(FastJSONUnsupported) {
        try expect(UInt8(ascii: "\""))
        index = try Self.endOfString(bytes, from: index)
    }

    /// The index after the closing quote of a string whose contents start at `start`; escapes are stepped over
    /// (a `\` and the byte after it), nothing else is checked.
    @inline(__always)
    static func endOfString(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(FastJSONUnsupported) -> Int {
        var position = start
        while true {
            position = ByteScan.firstQuoteOrBackslash(in: bytes, from: position)
            guard position < bytes.count else { throw FastJSONUnsupported() }
            if bytes[position] == UInt8(ascii: "\"") { return position + 1 }
            position += 2
        }
    }

    /// An object or array: brackets counted until the one that opened it is closed. Strings are crossed whole, so
    /// brackets inside them do not count. (Between strings a byte loop is as fast as a word-at-a-time search: in
    /// managedFields every few bytes are a quote or a bracket.)
    private mutating func skipContainer(depthLimit: Int) throws(FastJSONUnsupported) {
        var nesting = 0
        var position = index
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position = try Self.endOfString(bytes, from: position + 1)
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nesting += 1
                guard nesting <= depthLimit else { throw FastJSONUnsupported() }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                nesting -= 1
                if nesting == 0 {
                    index = position + 1
                    return
                }
            default: break
            }
            position += 1
        }
        throw FastJSONUnsupported()
    }

    /// How many members the object starting here has (its commas at the top level, plus one), by the same
    /// structural scan, without consuming it: to size a dictionary once instead of growing it. Malformed input gives
    /// some count; reading the object then throws.
    func memberCount() -> Int {
        var position = index
        var nesting = 0
        var commas = 0
        var empty = true
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                guard let end = try? Self.endOfString(bytes, from: position + 1) else { return 0 }
                position = end
                empty = false
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): nesting += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                nesting -= 1
                if nesting == 0 { return empty ? 0 : commas + 1 }
            case UInt8(ascii: ","): if nesting == 1 { commas += 1 }
            default: break
            }
            position += 1
        }
        return 0
    }

    /// A number, `true`, `false` or `null`: the bytes up to the next separator, which must start like one.
    private mutating func skipScalar() throws(FastJSONUnsupported) {
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"): index += 1
        default: throw FastJSONUnsupported()
        }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return
            default: index += 1
            }
        }
    }
}
