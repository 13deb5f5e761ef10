/// The obvious dynamic-programming wildcard matcher (`*` any run, `?` one character), slow but clearly right:
/// the oracle `WildcardPattern` is checked against.
enum ReferenceWildcard {
    static func matches(_ pattern: [Character], _ subject: [Character]) -> Bool {
        // matched[j]: the pattern so far matches subject[..<j].
        var matched = [Bool](repeating: false, count: subject.count + 1)
        matched[0] = true
        for character in pattern {
            var next = [Bool](repeating: false, count: subject.count + 1)
            if character == "*" {
                var any = false
                for j in 0...subject.count {
                    any = any || matched[j]
                    next[j] = any
                }
            } else {
                for j in 0..<subject.count where matched[j] && (character == "?" || character == subject[j]) {
                    next[j + 1] = true
                }
            }
            matched = next
        }
        return matched[subject.count]
    }
}
