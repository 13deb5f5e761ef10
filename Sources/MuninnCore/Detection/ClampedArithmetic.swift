/// Restart counts come from outside (a hostile or buggy status can say `Int.max` or `-5`): arithmetic on them
/// saturates instead of trapping.
enum ClampedArithmetic {
    static func difference(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        return overflow ? (b < 0 ? Int.max : Int.min) : result
    }

    static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : result
    }
}
