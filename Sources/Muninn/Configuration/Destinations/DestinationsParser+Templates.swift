import Foundation
import MuninnNotifiers

/// `template:` and `templateFile:` of a destination: inline Mustache text or files, either one string (the destination's
/// main part) or a mapping of parts (`title`, `text`; `summary` for PagerDuty). Each template is compiled, checked for
/// unknown variables and rendered once against a sample alert, so a mistake stops the start-up (and `check-config`) with
/// the key and the template's line and column.
extension DestinationsParser {
    static let templateKeys = ["template", "templateFile"]

    func templates(_ kind: DestinationConfiguration.Kind, _ members: [String: YAMLConfigNode]) throws -> MessageTemplates {
        let inline = members["template"]
        let file = members["templateFile"]
        guard let given = inline ?? file else { return MessageTemplates() }
        guard let parts = DestinationTemplateParts.parts(of: kind) else { throw given.error(DestinationTemplateParts.whyNot(kind)) }
        var sources: [String: (source: String, node: YAMLConfigNode, origin: String)] = [:]
        for (node, isFile) in [(inline, false), (file, true)] {
            guard let node else { continue }
            for (part, partNode) in try Self.partNodes(node, kind: kind, parts: parts) {
                if sources[part] != nil { throw partNode.error("the \(part) template is given both inline (template) and as a file (templateFile)") }
                if isFile {
                    let path = try partNode.nonEmptyString()
                    sources[part] = (try readTemplate(path, node: partNode), partNode, secrets.resolve(path) + " ")
                } else {
                    sources[part] = (try partNode.string(), partNode, "")
                }
            }
        }
        var templates = MessageTemplates()
        for (part, entry) in sources {
            let markup = parts[part] ?? .plainText
            let isChange = DestinationTemplateParts.changeParts.contains(part)
            let template: MessageTemplate
            do {
                template = try MessageTemplate(entry.source, schema: isChange ? ChangeTemplateContext.schema : AlertTemplateContext.schema)
            } catch {
                throw entry.node.error("\(entry.origin)\(error.description)")
            }
            let problem =
                isChange
                ? TemplateSample.problem(renderingChange: template, markup: markup) : TemplateSample.problem(rendering: template, markup: markup)
            if let problem { throw entry.node.error("\(entry.origin)\(problem)") }
            switch part {
            case "title", "summary": templates.title = template
            case "change": templates.change = template
            default: templates.text = template
            }
        }
        return templates
    }

    /// `template: "…"` is the main part; `template: {title: …, text: …}` names them.
    private static func partNodes(
        _ node: YAMLConfigNode, kind: DestinationConfiguration.Kind, parts: [String: TemplateMarkup]
    ) throws -> [(String, YAMLConfigNode)] {
        guard node.isMapping else { return [(DestinationTemplateParts.mainPart(of: kind), node)] }
        let allowed = parts.keys.sorted()
        let members = try node.mapping(allowedKeys: allowed)
        guard !members.isEmpty else { throw node.error("expected a template, or a mapping of \(allowed.joined(separator: ", "))") }
        return members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// A template file as written (not trimmed: line numbers in errors must match the file).
    private func readTemplate(_ path: String, node: YAMLConfigNode) throws -> String {
        let resolved = secrets.resolve(path)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw node.error(FileManager.default.fileExists(atPath: resolved) ? "cannot read \(resolved)" : "no such file: \(resolved)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw node.error("\(resolved) is not UTF-8 text") }
        return text
    }
}
