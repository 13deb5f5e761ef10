/// A configured redaction pattern that cannot be used.
public struct LogRedactorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var pattern: String
    /// Position of the pattern in the configured list, from 0.
    public var index: Int
    public var reason: String

    public var description: String { "redaction pattern #\(index + 1) \"\(pattern)\": \(reason)" }
}
