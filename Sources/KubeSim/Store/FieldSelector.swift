/// A parsed `fieldSelector` (k8s.io/apimachinery pkg/fields: `=`, `==`, `!=`, comma = AND,
/// `\,` `\=` `\\` escapes). Labels are checked against the resource's selectable fields.
struct FieldSelector: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var label: String
        var value: String
        var negated: Bool
    }

    var terms: [Term]

    static let everything = FieldSelector(terms: [])
    var isEmpty: Bool { terms.isEmpty }

    init(terms: [Term]) { self.terms = terms }

    init(parsing text: String) throws(APIStatus) {
        terms = []
        guard !text.isEmpty else { return }
        for part in Self.splitUnescaped(text, on: ",") {
            guard let term = Self.term(part) else {
                throw APIStatus.badRequest("invalid selector: '\(text)'; can't understand '\(part)'")
            }
            terms.append(term)
        }
    }

    func matches(_ fields: [String: String]) -> Bool {
        terms.allSatisfy { term in
            let actual = fields[term.label] ?? ""
            return term.negated ? actual != term.value : actual == term.value
        }
    }

    /// The required value of `metadata.name`, when the selector pins one.
    var pinnedName: String? { terms.first { $0.label == "metadata.name" && !$0.negated }?.value }

    /// Rewrites label aliases (`spec.host`) and rejects labels the resource cannot select on.
    func validated(against selectable: SelectableFields, isPods: Bool) throws(APIStatus) -> FieldSelector {
        var result = self
        for index in result.terms.indices {
            if isPods, result.terms[index].label == "spec.host" { result.terms[index].label = "spec.nodeName" }
            let label = result.terms[index].label
            guard selectable.supports(label) else { throw APIStatus.badRequest(selectable.unsupportedMessage(label)) }
        }
        return result
    }

    private static func splitUnescaped(_ text: String, on separator: Character) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaping = false
        for ch in text {
            if escaping {
                current.append("\\")
                current.append(ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == separator {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if escaping { current.append("\\") }
        parts.append(current)
        return parts
    }

    private static func term(_ part: String) -> Term? {
        let chars = Array(part)
        var index = 0
        var escaping = false
        while index < chars.count {
            let ch = chars[index]
            if escaping { escaping = false; index += 1; continue }
            if ch == "\\" { escaping = true; index += 1; continue }
            if ch == "!" , index + 1 < chars.count, chars[index + 1] == "=" {
                return make(chars, opStart: index, opLength: 2, negated: true)
            }
            if ch == "=" {
                let length = index + 1 < chars.count && chars[index + 1] == "=" ? 2 : 1
                return make(chars, opStart: index, opLength: length, negated: false)
            }
            index += 1
        }
        return nil
    }

    private static func make(_ chars: [Character], opStart: Int, opLength: Int, negated: Bool) -> Term? {
        let label = String(chars[..<opStart]).trimmingSpaces
        let rawValue = String(chars[(opStart + opLength)...])
        guard !label.isEmpty else { return nil }
        var value = ""
        var escaping = false
        for ch in rawValue {
            if escaping {
                guard ch == "," || ch == "=" || ch == "\\" else { return nil }
                value.append(ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                value.append(ch)
            }
        }
        if escaping { return nil }
        return Term(label: label, value: value, negated: negated)
    }
}
