/// A single forward pass over JSON bytes for the fast decoders: what is read is read in place with strict RFC 8259
/// syntax, and whole subtrees nobody reads are skipped by their structure alone (never built, and not validated:
/// see `skipValue`). Used only inside `withUnsafeBytes`, so it holds a raw pointer without owning it.
///
/// Anything unusual where it reads (a syntax error, an escaped or non-ASCII key, a number that is not a plain
/// integer where an integer is read, a string that is not valid Unicode where a string is read) throws
/// `FastJSONUnsupported`, and the caller falls back to Foundation's `JSONDecoder`, which then decides (and words any
/// error). So on valid JSON the fast path only ever answers where it is sure to agree; on invalid JSON it declines,
/// or answers if the damage is inside a skipped subtree, and never crashes.
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

    /// Calls `member` for each member of the object that starts here; `member` must consume the value. Names must
    /// be plain ASCII without escapes (they are compared with field names).
    mutating func readObject(depth: Int = 1, _ member: (inout JSONCursor, Key) throws(FastJSONUnsupported) -> Void) throws(FastJSONUnsupported) {
        guard depth <= Self.maximumDepth else { throw FastJSONUnsupported() }
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            let key = try readKey()
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
        // Escapes, control characters and non-ASCII names are left to Foundation: the first such byte must be the quote.
        index = ByteScan.firstQuoteBackslashControlOrNonASCII(in: bytes, from: index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw FastJSONUnsupported() }
        index += 1
        return Key(start: start, end: index - 1)
    }

    @inline(__always)
    func key(_ key: Key, is name: StaticString) -> Bool {
        guard key.end - key.start == name.utf8CodeUnitCount else { return false }
        let literal = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where bytes[key.start + offset] != literal[offset] { return false }
        return true
    }

    // MARK: Scalars

    mutating func literal(_ word: StaticString) throws(FastJSONUnsupported) {
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

    /// Consumes a number (RFC 8259 grammar); returns its range.
    mutating func scanNumber() throws(FastJSONUnsupported) -> (start: Int, end: Int, integer: Bool) {
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

    static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// The fast decoder met something it leaves to Foundation's `JSONDecoder` (see `JSONCursor`).
struct FastJSONUnsupported: Error {}
