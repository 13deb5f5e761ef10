/// A parsed `labelSelector` (k8s.io/apimachinery pkg/labels grammar: `=`, `==`, `!=`, `in`,
/// `notin`, bare key, `!key`, `<`, `>`; comma means AND).
struct LabelSelector: Sendable, Equatable {
    enum Operator: Sendable, Equatable { case equals, notEquals, `in`, notIn, exists, doesNotExist, greaterThan, lessThan }

    struct Requirement: Sendable, Equatable {
        var key: String
        var op: Operator
        var values: [String]

        func matches(_ labels: [String: String]) -> Bool {
            let value = labels[key]
            switch op {
            case .equals, .in: return value.map { values.contains($0) } ?? false
            case .notEquals, .notIn: return value.map { !values.contains($0) } ?? true
            case .exists: return value != nil
            case .doesNotExist: return value == nil
            case .greaterThan, .lessThan:
                guard let value, let actual = Int64(value), let bound = values.first.flatMap({ Int64($0) }) else { return false }
                return op == .greaterThan ? actual > bound : actual < bound
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])
    var isEmpty: Bool { requirements.isEmpty }

    func matches(_ labels: [String: String]) -> Bool { requirements.allSatisfy { $0.matches(labels) } }

    /// Parses the selector; throws a 400 Status with the parse problem.
    init(parsing text: String) throws(APIStatus) {
        requirements = []
        var scanner = Scanner(Array(text.unicodeScalars))
        scanner.skipSpaces()
        if scanner.atEnd { return }
        while true {
            requirements.append(try scanner.requirement(in: text))
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.consume(",") else {
                throw APIStatus.badRequest("unable to parse requirement: found '\(scanner.rest)', expected: ','")
            }
        }
    }

    private init(requirements: [Requirement]) { self.requirements = requirements }

    private struct Scanner {
        let chars: [Unicode.Scalar]
        var index = 0
        init(_ chars: [Unicode.Scalar]) { self.chars = chars }

        var atEnd: Bool { index >= chars.count }
        var rest: String { String(String.UnicodeScalarView(chars[index...])) }

        mutating func skipSpaces() { while !atEnd, chars[index] == " " || chars[index] == "\t" { index += 1 } }

        mutating func consume(_ s: String) -> Bool {
            let wanted = Array(s.unicodeScalars)
            guard index + wanted.count <= chars.count, Array(chars[index..<index + wanted.count]) == wanted else { return false }
            index += wanted.count
            return true
        }

        mutating func identifier() -> String {
            skipSpaces()
            let start = index
            while !atEnd, !" \t,()!=<>".unicodeScalars.contains(chars[index]) { index += 1 }
            return String(String.UnicodeScalarView(chars[start..<index]))
        }

        mutating func requirement(in text: String) throws(APIStatus) -> Requirement {
            skipSpaces()
            if consume("!") {
                let key = identifier()
                guard !key.isEmpty else { throw APIStatus.badRequest("unable to parse requirement: found '\(rest)', expected: identifier") }
                return Requirement(key: key, op: .doesNotExist, values: [])
            }
            let key = identifier()
            guard !key.isEmpty else { throw APIStatus.badRequest("unable to parse requirement: found '\(rest)', expected: identifier") }
            skipSpaces()
            if atEnd || chars[index] == "," { return Requirement(key: key, op: .exists, values: []) }
            let op: Operator
            if consume("==") || consume("=") { op = .equals }
            else if consume("!=") { op = .notEquals }
            else if consume(">") { op = .greaterThan }
            else if consume("<") { op = .lessThan }
            else {
                let word = identifier()
                switch word {
                case "in": op = .in
                case "notin": op = .notIn
                default: throw APIStatus.badRequest("unable to parse requirement: found '\(word)', expected: in, notin, =, ==, !=, gt, lt")
                }
                skipSpaces()
                guard consume("(") else { throw APIStatus.badRequest("unable to parse requirement: found '\(rest)', expected: '('") }
                var values: [String] = []
                while true {
                    let value = identifier()
                    values.append(value)
                    skipSpaces()
                    if consume(")") { break }
                    guard consume(",") else { throw APIStatus.badRequest("unable to parse requirement: found '\(rest)', expected: ',' or ')'") }
                }
                return Requirement(key: key, op: op, values: values)
            }
            let value = identifier()
            if op == .greaterThan || op == .lessThan, Int64(value) == nil {
                throw APIStatus.badRequest("unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer")
            }
            return Requirement(key: key, op: op, values: [value])
        }
    }
}
