/// One `{{…}}` tag of a template, where it starts, and what it does.
struct TemplateTag: Equatable {
    enum Kind: Equatable {
        /// `{{name}}`, `{{{name}}}`, `{{&name}}`.
        case variable
        /// `{{#name}}`.
        case section
        /// `{{^name}}`.
        case invertedSection
        /// `{{/name}}`.
        case close
        /// `{{! … }}`.
        case comment
        /// `{{=<% %>=}}`.
        case delimiters
        /// `{{>name}}`, `{{$name}}`, `{{<name}}`, `{{%PRAGMA}}`: not available in Muninn's templates.
        case unsupported(String)
    }

    var kind: Kind
    var name: String
    var line: Int
    var column: Int
}
