/// A scenario file that cannot be used: where (line, column, key) and why.
public struct ScenarioError: Error, Equatable, CustomStringConvertible {
    /// 1-based line of the offending node (0 when the file is not YAML at all).
    public var line: Int
    public var column: Int
    /// The key whose value is wrong (`timeline[2].action`), or the missing key.
    public var key: String
    public var message: String

    public init(line: Int, column: Int, key: String, message: String) {
        self.line = line
        self.column = column
        self.key = key
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(key): \(message)" }
}
