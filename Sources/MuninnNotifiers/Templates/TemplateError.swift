/// A template that cannot be used: a Mustache syntax error, an unknown variable, or a feature Muninn's templates leave
/// out (partials, pragmas, transforms), located by line and column in the template's own text.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Line in the template, from 1.
    public var line: Int
    /// Column in that line, from 1 (characters).
    public var column: Int
    public var message: String

    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "line \(line), column \(column): \(message)" }
}
