/// A whole-string wildcard pattern as johari-mirror's `wildmatch` understands it: `*` matches any
/// run of characters (also none), `?` exactly one character, everything else itself, case-sensitive,
/// with no escape character.
public struct WildcardPattern: Sendable, Equatable, CustomStringConvertible {
    public let text: String
    private let characters: [Character]

    public init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    public var description: String { text }

    /// Matches in O(pattern × subject) without backtracking blow-ups on hostile names.
    public func matches(_ subject: String) -> Bool {
        let subject = Array(subject)
        var p = 0, s = 0
        var starPattern = -1, starSubject = 0
        while s < subject.count {
            if p < characters.count, characters[p] == "?" || characters[p] == subject[s], characters[p] != "*" {
                p += 1
                s += 1
            } else if p < characters.count, characters[p] == "*" {
                starPattern = p
                starSubject = s
                p += 1
            } else if starPattern >= 0 {
                p = starPattern + 1
                starSubject += 1
                s = starSubject
            } else {
                return false
            }
        }
        while p < characters.count, characters[p] == "*" { p += 1 }
        return p == characters.count
    }
}
