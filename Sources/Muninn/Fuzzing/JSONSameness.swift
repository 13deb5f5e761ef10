import KubeJSON

/// Value equality as JSON means it: `1.0` and `1` are the same number (the writer prints Go's shortest form,
/// which may turn a double into an integer literal).
enum JSONSameness {
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)):
            let left = Array(x), right = Array(y)
            return left.count == right.count && zip(left, right).allSatisfy { $0.0 == $1.0 && same($0.1, $1.1) }
        default:
            guard let x = number(a), let y = number(b) else { return false }
            return x == y
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let int): Double(int)
        case .double(let double): double
        default: nil
        }
    }
}
