/// Fewer messages arrived than a test waited for.
public struct FakeTimeout: Error, CustomStringConvertible {
    public var expected: Int
    public var arrived: Int
    public var timeout: Duration

    public var description: String { "expected \(expected) messages within \(timeout), \(arrived) arrived" }
}
