/// Splits a list response (`{"kind":"PodList","metadata":{…},"items":[{…},{…}]}`) into its items as the bytes
/// arrive, so a page is decoded while the rest of it is still being received, and never held whole (a page of
/// 500 pods is 7.5 MB).
///
/// Items are lent in place, one at a time. Everything but the items (kind, metadata, any other member) is kept as
/// an envelope with an empty `items` array, to decode when the page ended. Only the structure is checked here
/// (brackets, strings, separators); what an item or the envelope holds is the decoder's to judge. Memory is
/// bounded: an item, or another member, longer than `maximumItemLength` is an error.
struct ListItemSplitter {
    enum Failure: Error, Equatable {
        case malformed(String)
        case itemTooLong(limit: Int)
        /// The bytes ended before the list did.
        case truncated
    }

    private enum State {
        case start
        /// Before a member name (or the end of the object); a comma first unless it is the first member.
        case beforeName(expectComma: Bool)
        /// After a member name, before its colon.
        case beforeColon
        /// Before a member's value; `isItems`: the first `items` member, whose elements are handed out.
        case beforeValue(isItems: Bool)
        /// Inside the items array, before an element (or its end).
        case inItems(expectComma: Bool)
        case end
    }

    let maximumItemLength: Int
    private var buffer: [UInt8] = []
    /// The first byte not yet consumed.
    private var position = 0
    private var state = State.start
    private var name: [UInt8] = []
    private var sawItems = false
    /// Where a container's scan stopped when the bytes ran out, as an offset from `position`, with its nesting.
    private var resume: (offset: Int, nesting: Int)?
    /// Where the one-pass decoder declined an item (it is not asked again for the same item).
    private var declinedAt: Int?
    /// The list without its items.
    private(set) var envelope: [UInt8] = []
    private var envelopeMembers = 0

    init(maximumItemLength: Int) {
        self.maximumItemLength = maximumItemLength
    }

    /// Adds received bytes.
    mutating func append(_ bytes: some Collection<UInt8>) {
        if position > 0, position * 2 >= buffer.count {
            buffer.removeSubrange(0..<position)
            declinedAt = declinedAt.map { $0 - position }
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Whether the list's closing brace was read.
    var isComplete: Bool {
        if case .end = state { true } else { false }
    }

    /// Calls `body` with the next complete item's bytes and returns its result; nil when more bytes are needed or
    /// the list ended. The bytes are valid only inside `body`.
    mutating func withNextItem<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) throws -> Result? {
        try withNextItem(ahead: nil, body)
    }

    /// The same, decoding in one pass where it can: once `ahead.bytes` are buffered after an item's start (or the
    /// bytes ended: `final`), `ahead.decode` is given everything buffered from there and returns the item and its
    /// length, without the item's end being found first by a scan of its own (a second pass over every byte).
    /// Where it declines (nil), the item's end is found by its structure and `body` gets exactly its bytes.
    mutating func withNextItem<Result>(
        ahead: (bytes: Int, final: Bool, decode: (UnsafeRawBufferPointer) -> (value: Result, length: Int)?)?,
        _ body: (UnsafeRawBufferPointer) throws -> Result
    ) throws -> Result? {
        while true {
            skipWhitespace()
            guard position < buffer.count else { return nil }
            let byte = buffer[position]
            switch state {
            case .start:
                guard byte == UInt8(ascii: "{") else { throw Failure.malformed("a list must be a JSON object") }
                position += 1
                state = .beforeName(expectComma: false)
            case .beforeName(let expectComma):
                if byte == UInt8(ascii: "}") {
                    position += 1
                    envelope = Array("{".utf8) + envelope + Array("}".utf8)
                    state = .end
                } else if expectComma {
                    guard byte == UInt8(ascii: ",") else { throw Failure.malformed("expected , or } between members") }
                    position += 1
                    state = .beforeName(expectComma: false)
                } else {
                    guard byte == UInt8(ascii: "\"") else { throw Failure.malformed("expected a member name") }
                    guard let end = try valueEnd(from: position) else { return nil }
                    name = Array(buffer[position..<end])
                    position = end
                    state = .beforeColon
                }
            case .beforeColon:
                guard byte == UInt8(ascii: ":") else { throw Failure.malformed("expected : after a member name") }
                position += 1
                let isItems = !sawItems && name == Self.itemsName
                sawItems = sawItems || isItems
                state = .beforeValue(isItems: isItems)
            case .beforeValue(let isItems):
                if isItems, byte == UInt8(ascii: "[") {
                    position += 1
                    addToEnvelope(Array("[]".utf8))
                    state = .inItems(expectComma: false)
                } else {
                    guard let end = try valueEnd(from: position) else { return nil }
                    addToEnvelope(buffer[position..<end])
                    position = end
                    state = .beforeName(expectComma: true)
                }
            case .inItems(let expectComma):
                if byte == UInt8(ascii: "]") {
                    position += 1
                    state = .beforeName(expectComma: true)
                } else if expectComma {
                    guard byte == UInt8(ascii: ",") else { throw Failure.malformed("expected , or ] between items") }
                    position += 1
                    state = .inItems(expectComma: false)
                } else {
                    if let ahead, resume == nil, declinedAt != position {
                        guard ahead.final || buffer.count - position >= ahead.bytes else { return nil }
                        let start = position
                        let decoded = buffer.withUnsafeBytes { raw in ahead.decode(UnsafeRawBufferPointer(rebasing: raw[start...])) }
                        if let decoded, decoded.length > 0 {
                            position += decoded.length
                            state = .inItems(expectComma: true)
                            return decoded.value
                        }
                        declinedAt = start
                    }
                    guard let end = try valueEnd(from: position) else { return nil }
                    let start = position
                    position = end
                    state = .inItems(expectComma: true)
                    return try buffer.withUnsafeBytes { raw in try body(UnsafeRawBufferPointer(rebasing: raw[start..<end])) }
                }
            case .end:
                throw Failure.malformed("bytes after the end of the list")
            }
        }
    }

    /// Call when the bytes ended: throws unless the whole list was read.
    func finish() throws(Failure) {
        guard isComplete else { throw .truncated }
    }

    private static let itemsName = Array("\"items\"".utf8)

    private mutating func addToEnvelope(_ value: some Collection<UInt8>) {
        if envelopeMembers > 0 { envelope.append(UInt8(ascii: ",")) }
        envelope.append(contentsOf: name)
        envelope.append(UInt8(ascii: ":"))
        envelope.append(contentsOf: value)
        envelopeMembers += 1
    }

    private mutating func skipWhitespace() {
        while position < buffer.count {
            switch buffer[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// The end of the value starting at `start`, or nil if its bytes have not all arrived.
    private mutating func valueEnd(from start: Int) throws -> Int? {
        let end = try buffer.withUnsafeBytes { raw -> Int? in
            switch raw[start] {
            case UInt8(ascii: "{"), UInt8(ascii: "["): return containerEnd(raw, from: start)
            case UInt8(ascii: "\""): return Self.stringEnd(raw, from: start + 1)
            default: return Self.scalarEnd(raw, from: start)
            }
        }
        if end == start { throw Failure.malformed("expected a value") }
        if end == nil, buffer.count - start > maximumItemLength { throw Failure.itemTooLong(limit: maximumItemLength) }
        if end != nil { resume = nil }
        return end
    }

    /// Brackets counted until the one at `start` is closed; strings are crossed whole. Resumes where the last scan of
    /// the same value stopped.
    private mutating func containerEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start + (resume?.offset ?? 0)
        var nesting = resume?.nesting ?? 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard let end = Self.stringEnd(bytes, from: index + 1) else {
                    resume = (index - start, nesting)
                    return nil
                }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nesting += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                nesting -= 1
                if nesting == 0 { return index + 1 }
            default: break
            }
            index += 1
        }
        resume = (index - start, nesting)
        return nil
    }

    /// The index after the closing quote of a string whose contents start at `start`.
    private static func stringEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while true {
            index = ByteScan.firstQuoteOrBackslash(in: bytes, from: index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "\"") { return index + 1 }
            index += 2
        }
    }

    /// A number, `true`, `false` or `null` ends at a separator; one at the end of the bytes may go on.
    private static func scalarEnd(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return index
            default: index += 1
            }
        }
        return nil
    }
}
