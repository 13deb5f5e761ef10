import Mustache

/// A Mustache template for the text of a message, compiled and checked once (when the configuration is loaded) and then
/// rendered for every alert.
///
/// Mustache's HTML escaping is off: the values a template sees were already escaped for the destination's markup
/// (``TemplateMarkup``), so `{{pod}}` and `{{{pod}}}` give the same text. Unknown variables, partials, pragmas and
/// transforms are errors with a line and column, because Mustache alone would render them as nothing.
///
/// ```swift
/// let template = try MessageTemplate("*{{headline}}* `{{namespace}}/{{pod}}`\n{{logs}}")
/// let text = template.render(AlertTemplateContext(alert: alert, markup: .slackMrkdwn).values)
/// ```
public struct MessageTemplate: Sendable, Equatable {
    /// The template as written.
    public let source: String
    private let compiled: MustacheTemplate

    // Rendering as text (no HTML escaping) needs the pragma, which only a template can set; on its own line, so it
    // shifts line numbers by exactly one and leaves no text behind.
    private static let textPragma = "{{%CONTENT_TYPE:TEXT}}\n"

    /// Parses `source` and checks every tag against `schema` (the alert variables by default).
    /// - Throws: ``TemplateError`` with the line and column of the first problem.
    public init(_ source: String, schema: [String: TemplateSchema] = AlertTemplateContext.schema) throws(TemplateError) {
        do {
            compiled = try MustacheTemplate(string: Self.textPragma + source)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(
                line: max(1, error.context.lineNumber - 1), column: error.context.columnNumber, message: Self.describe(error.error))
        } catch {
            throw TemplateError(line: 1, column: 1, message: "not a valid Mustache template (\(error))")
        }
        try TemplateChecker.check(source, schema: schema)
        self.source = source
    }

    /// The text for a context's values (``AlertTemplateContext/values``).
    public func render(_ values: [String: Any]) -> String {
        compiled.render(values)
    }

    public static func == (lhs: MessageTemplate, rhs: MessageTemplate) -> Bool { lhs.source == rhs.source }

    private static func describe(_ error: any Error) -> String {
        switch error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect: "this closing tag does not match the section it closes"
        case .unfinishedName: "unfinished tag (a missing '}}' or a character not allowed in a name)"
        case .expectedSectionEnd: "a section is not closed (missing {{/name}})"
        case .invalidSetDelimiter: "badly formed delimiter change ({{=<% %>=}})"
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable: "pragmas ({{%…}}) are not supported in Muninn templates"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "template inheritance is not supported in Muninn templates"
        case nil: "not a valid Mustache template (\(error))"
        }
    }
}
