/// The shape of the variables a template may use: which names exist, which are objects (`{{workload.kind}}`,
/// `{{#workload}}…{{/workload}}`) and which are lists (`{{#events}}{{.}}{{/events}}`). Templates are checked against it,
/// because Mustache itself renders an unknown name as nothing.
public indirect enum TemplateSchema: Sendable, Equatable {
    /// A text, number or flag.
    case value
    /// Named members.
    case object([String: TemplateSchema])
    /// A list whose items have this shape (`.value` items are read with `{{.}}`).
    case list(TemplateSchema)

    /// The members of an object, or of a list's items when they are objects.
    var members: [String: TemplateSchema]? {
        switch self {
        case .object(let members): members
        case .list(.object(let members)): members
        default: nil
        }
    }
}
