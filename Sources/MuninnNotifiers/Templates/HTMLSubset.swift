/// The small HTML dialects of Telegram's HTML parse mode and Google Chat's card text: which tags they accept, whether a
/// rendered template is well formed for them, and how to cut one without leaving a tag or entity open.
struct HTMLSubset {
    /// Tags (lowercased) the destination accepts.
    let tags: Set<String>
    /// Tags that never close (`<br>`).
    let voidTags: Set<String>

    static let telegram = HTMLSubset(
        tags: ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji"],
        voidTags: [])
    static let googleChat = HTMLSubset(tags: ["b", "i", "u", "s", "strike", "font", "a", "br", "time"], voidTags: ["br"])

    /// What a destination would refuse in `html`, or nil when it is well formed.
    func problem(in html: String) -> String? {
        var open: [String] = []
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let end = html[index...].firstIndex(of: ">") else { return "a '<' that starts no tag (write &lt;)" }
                let tag = Self.parse(html[html.index(after: index)..<end])
                guard tags.contains(tag.name) else { return "tag <\(tag.name)> is not supported here (supported: \(tags.sorted().joined(separator: ", ")))" }
                if tag.closing {
                    guard open.last == tag.name else { return "</\(tag.name)> closes a tag that is not open" }
                    open.removeLast()
                } else if !voidTags.contains(tag.name) {
                    open.append(tag.name)
                }
                index = html.index(after: end)
                continue
            }
            if character == ">" { return "a bare '>' (write &gt;)" }
            if character == "&" {
                guard let semicolon = html[index...].prefix(12).firstIndex(of: ";"), html.index(after: index) < semicolon else {
                    return "a bare '&' (write &amp;)"
                }
                index = html.index(after: semicolon)
                continue
            }
            index = html.index(after: index)
        }
        return open.last.map { "<\($0)> is never closed" }
    }

    /// The first `count` characters of `html`, never ending inside a tag or an entity, with the tags still open closed.
    func prefix(_ html: String, _ count: Int) -> String {
        var kept = String(html.prefix(count))
        if let lastOpen = kept.lastIndex(of: "<"), !kept[lastOpen...].contains(">") { kept = String(kept[..<lastOpen]) }
        if let lastAmpersand = kept.lastIndex(of: "&"), !kept[lastAmpersand...].contains(";") { kept = String(kept[..<lastAmpersand]) }
        var open: [String] = []
        var index = kept.startIndex
        while let start = kept[index...].firstIndex(of: "<"), let end = kept[start...].firstIndex(of: ">") {
            let tag = Self.parse(kept[kept.index(after: start)..<end])
            if tag.closing {
                if let position = open.lastIndex(of: tag.name) { open.remove(at: position) }
            } else if !voidTags.contains(tag.name) {
                open.append(tag.name)
            }
            index = kept.index(after: end)
        }
        return kept + open.reversed().map { "</\($0)>" }.joined()
    }

    private static func parse(_ inside: Substring) -> (name: String, closing: Bool) {
        var body = inside.drop { $0 == " " }
        let closing = body.first == "/"
        if closing { body = body.dropFirst() }
        let name = body.prefix { !$0.isWhitespace && $0 != "/" && $0 != ">" }
        return (name.lowercased(), closing)
    }
}
