extension TelegramHTML {
    /// UTF-16 units of `html` as Telegram counts them against its 4,096 limit: tags removed, entities decoded.
    public static func visibleLength(ofHTML html: String) -> Int {
        var length = 0
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let end = html[index...].firstIndex(of: ">") {
                index = html.index(after: end)
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                let entity = html[html.index(after: index)..<semicolon]
                length += decodedLength(entity)
                index = html.index(after: semicolon)
                continue
            }
            length += character.utf16.count
            index = html.index(after: index)
        }
        return length
    }

    private static func decodedLength(_ entity: Substring) -> Int {
        guard entity.hasPrefix("#") else { return 1 }
        let digits = entity.dropFirst()
        let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        return value.flatMap(Unicode.Scalar.init).map { String($0).utf16.count } ?? 1
    }
}
