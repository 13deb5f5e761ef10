/// A single forward pass over JSON bytes for the fast decoders: strict RFC 8259 syntax, values read in place,
/// and whole subtrees skipped (validated, never built). Used only inside `withUnsafeBytes`, so it holds a raw
/// pointer without owning it.
///
/// Anything unusual (a syntax error, an escaped or non-ASCII key, a number that is not a plain integer where an
/// integer is read, a string that is not valid Unicode where a string is read) throws `FastJSONUnsupported`, and the
/// caller falls back to Foundation's `JSONDecoder`, which then decides (and words any error). So the fast path
/// only ever answers where it is sure to agree.
struct JSONCursor {
    /// How deep arrays and objects may nest (Foundation's limit too).
    static let maximumDepth = 512

    let bytes: UnsafeRawBufferPointer
    var index: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        index = 0
    }

    /// A member name: its bytes between the quotes (plain ASCII, no escapes).
    struct Key {
        let start: Int
        let end: Int
    }

    /// What a field held, for readers that must tell "absent or null" from "of another type".
    enum Field<Value> {
        case null
        case value(Value)
        case mismatch

        /// `try? decodeIfPresent` semantics: the value, else nil.
        var lenient: Value? {
            if case .value(let value) = self { value } else { nil }
        }
    }

    // MARK: Structure

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// The next significant byte, without consuming it.
    @inline(__always)
    mutating func peek() throws(FastJSONUnsupported) -> UInt8 {
        skipWhitespace()
        guard index < bytes.count else { throw FastJSONUnsupported() }
        return bytes[index]
    }

    @inline(__always)
    mutating func expect(_ byte: UInt8) throws(FastJSONUnsupported) {
        guard try peek() == byte else { throw FastJSONUnsupported() }
        index += 1
    }

    /// Only whitespace may follow the document.
    mutating func expectEnd() throws(FastJSONUnsupported) {
        skipWhitespace()
        guard index == bytes.count else { throw FastJSONUnsupported() }
    }

    /// Calls `member` for each member of the object that starts here; `member` must consume the value.
    /// - Parameter plainKeys: names must be plain ASCII without escapes (they are compared with field names);
    ///   `false` only where the names do not matter (skipping).
    mutating func readObject(
        depth: Int = 1, plainKeys: Bool = true, _ member: (inout JSONCursor, Key) throws(FastJSONUnsupported) -> Void
    ) throws(FastJSONUnsupported) {
        guard depth <= Self.maximumDepth else { throw FastJSONUnsupported() }
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = plainKeys ? try readKey() : try skipKey()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return
            default: throw FastJSONUnsupported()
            }
        }
    }

    /// Calls `element` for each element of the array that starts here; `element` must consume it.
    mutating func readArray(depth: Int = 1, _ element: (inout JSONCursor) throws(FastJSONUnsupported) -> Void) throws(FastJSONUnsupported) {
        guard depth <= Self.maximumDepth else { throw FastJSONUnsupported() }
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            try element(&self)
            switch try peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return
            default: throw FastJSONUnsupported()
            }
        }
    }

    private mutating func readKey() throws(FastJSONUnsupported) -> Key {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return Key(start: start, end: index - 1)
            }
            // Escapes, control characters and non-ASCII names are left to Foundation.
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { throw FastJSONUnsupported() }
            index += 1
        }
        throw FastJSONUnsupported()
    }

    private mutating func skipKey() throws(FastJSONUnsupported) -> Key {
        let range = try scanString()
        return Key(start: range.start, end: range.end)
    }

    @inline(__always)
    func key(_ key: Key, is name: StaticString) -> Bool {
        guard key.end - key.start == name.utf8CodeUnitCount else { return false }
        let literal = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where bytes[key.start + offset] != literal[offset] { return false }
        return true
    }

    // MARK: Skipping

    /// Consumes one value of any type, checking its syntax without building it: one loop over the bytes with a
    /// stack of bits (object or array) instead of a call per token.
    mutating func skipValue(depth: Int = 1) throws(FastJSONUnsupported) {
        var stack = ContainerStack()
        let depthLimit = Self.maximumDepth - depth + 1
        while true {
            // A value starts here.
            switch try peek() {
            case UInt8(ascii: "{"):
                index += 1
                guard stack.depth < depthLimit else { throw FastJSONUnsupported() }
                stack.push(object: true)
                if try peek() == UInt8(ascii: "}") {
                    index += 1
                    stack.pop()
                } else {
                    try skipMemberName()
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                guard stack.depth < depthLimit else { throw FastJSONUnsupported() }
                stack.push(object: false)
                if try peek() == UInt8(ascii: "]") {
                    index += 1
                    stack.pop()
                } else {
                    continue
                }
            case UInt8(ascii: "\""): _ = try scanString()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            default: _ = try scanNumber()
            }
            // A value ended: close containers until one continues with a comma.
            while true {
                guard stack.depth > 0 else { return }
                let byte = try peek()
                index += 1
                if byte == UInt8(ascii: ",") {
                    if stack.topIsObject { try skipMemberName() }
                    break
                }
                guard byte == (stack.topIsObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { throw FastJSONUnsupported() }
                stack.pop()
            }
        }
    }

    /// `"name":` inside a skipped object.
    private mutating func skipMemberName() throws(FastJSONUnsupported) {
        _ = try scanString()
        try expect(UInt8(ascii: ":"))
    }

    private mutating func literal(_ word: StaticString) throws(FastJSONUnsupported) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw FastJSONUnsupported() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw FastJSONUnsupported() }
        index += count
    }

    /// Consumes `null` if it is next.
    private mutating func consumeNull() throws(FastJSONUnsupported) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    /// Consumes a string; returns the range between the quotes and whether it holds escapes.
    private mutating func scanString() throws(FastJSONUnsupported) -> (start: Int, end: Int, escaped: Bool) {
        try expect(UInt8(ascii: "\""))
        let start = index
        var escaped = false
        while index < bytes.count {
            // Eight bytes at a time while none of them is a quote, a backslash or a control character.
            while index + 8 <= bytes.count {
                let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                guard !Self.hasSpecialByte(word) else { break }
                index += 8
            }
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return (start, index - 1, escaped)
            }
            guard byte >= 0x20 else { throw FastJSONUnsupported() }
            if byte == UInt8(ascii: "\\") {
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
            } else {
                index += 1
            }
        }
        throw FastJSONUnsupported()
    }

    /// Consumes a number (RFC 8259 grammar); returns its range.
    private mutating func scanNumber() throws(FastJSONUnsupported) -> (start: Int, end: Int, integer: Bool) {
        skipWhitespace()
        let start = index
        var integer = true
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, Self.isDigit(bytes[index]) else { throw FastJSONUnsupported() }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integer = false
            index += 1
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw FastJSONUnsupported() }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integer = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, Self.isDigit(bytes[index]) else { throw FastJSONUnsupported() }
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
        }
        // A number runs into the next structural character or whitespace, never into a letter.
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: break
            default: throw FastJSONUnsupported()
            }
        }
        return (start, index, integer)
    }

    // MARK: Values

    /// A string field: a valid string, null, or something else (consumed).
    mutating func readString() throws(FastJSONUnsupported) -> Field<String> {
        switch try peek() {
        case UInt8(ascii: "\""):
            let range = try scanString()
            return .value(try decodeString(range.start, range.end, escaped: range.escaped))
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            try skipValue()
            return .mismatch
        }
    }

    /// An integer field. Only plain integers that fit are read here; fractions and exponents go to Foundation.
    mutating func readInt64() throws(FastJSONUnsupported) -> Field<Int64> {
        switch try peek() {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let number = try scanNumber()
            guard number.integer else { throw FastJSONUnsupported() }
            var value: Int64 = 0
            var position = number.start
            let negative = bytes[position] == UInt8(ascii: "-")
            if negative { position += 1 }
            while position < number.end {
                let digit = Int64(bytes[position] &- UInt8(ascii: "0"))
                let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { throw FastJSONUnsupported() }
                value = next
                position += 1
            }
            return .value(value)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            try skipValue()
            return .mismatch
        }
    }

    mutating func readInt() throws(FastJSONUnsupported) -> Field<Int> {
        switch try readInt64() {
        case .value(let value): .value(Int(value))
        case .null: .null
        case .mismatch: .mismatch
        }
    }

    mutating func readBool() throws(FastJSONUnsupported) -> Field<Bool> {
        switch try peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return .value(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .value(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            try skipValue()
            return .mismatch
        }
    }

    /// Whether an object starts here (after whitespace); a `null` is consumed and reported as nil.
    mutating func objectFollows() throws(FastJSONUnsupported) -> Bool? {
        if try consumeNull() { return nil }
        return try peek() == UInt8(ascii: "{")
    }

    /// Whether an array starts here; a `null` is consumed and reported as nil.
    mutating func arrayFollows() throws(FastJSONUnsupported) -> Bool? {
        if try consumeNull() { return nil }
        return try peek() == UInt8(ascii: "[")
    }

    private func decodeString(_ start: Int, _ end: Int, escaped: Bool) throws(FastJSONUnsupported) -> String {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<end])
        if !escaped {
            guard let text = String(validating: raw, as: UTF8.self) else { throw FastJSONUnsupported() }
            return text
        }
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
        guard let text = String(validating: output, as: UTF8.self) else { throw FastJSONUnsupported() }
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

    /// Whether any byte of `word` is `"`, `\` or below 0x20 (the classic SWAR byte tests).
    @inline(__always)
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let quote = hasZeroByte(word ^ (ones &* 0x22))
        let backslash = hasZeroByte(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs != 0
        return quote || backslash || control
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// Which containers enclose the current position while skipping: one bit per level (1: object).
struct ContainerStack {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private(set) var depth = 0

    /// Callers keep `depth` below 512 (`JSONCursor.maximumDepth`).
    @inline(__always)
    mutating func push(object: Bool) {
        let level = depth
        withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.load(fromByteOffset: (level >> 6) * 8, as: UInt64.self)
            let bit: UInt64 = 1 << UInt64(level & 63)
            raw.storeBytes(of: object ? word | bit : word & ~bit, toByteOffset: (level >> 6) * 8, as: UInt64.self)
        }
        depth += 1
    }

    @inline(__always)
    mutating func pop() { depth -= 1 }

    var topIsObject: Bool {
        let level = depth - 1
        return withUnsafeBytes(of: words) { raw in
            raw.load(fromByteOffset: (level >> 6) * 8, as: UInt64.self) & (1 << UInt64(level & 63)) != 0
        }
    }
}

/// The fast decoder met something it leaves to Foundation's `JSONDecoder` (see `JSONCursor`).
struct FastJSONUnsupported: Error {}
