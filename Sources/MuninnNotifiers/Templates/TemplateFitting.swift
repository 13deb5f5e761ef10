import Foundation
import MuninnCore

/// Renders templates within a destination's limits: the log tail gives way first (its start first, as everywhere), and
/// only when the text is still too long without it is the rendered text itself cut, with a note saying so.
enum TemplateFitting {
    /// The message built from the template's text with the largest log budget that `fits`, else with the text cut; nil
    /// when the template renders to blank text (the destination then uses its own layout, so the alert is not lost).
    /// - Parameter build: makes the whole message (body, card) from a rendered text, so `fits` can check every limit.
    static func fitted<Message>(
        _ template: MessageTemplate, alert: Alert, markup: TemplateMarkup, repeated: Bool, logLines: Int, maxLogCharacters: Int,
        dashboardURL: String?, build: (String) -> Message, fits: (Message) -> Bool
    ) -> Message? {
        func render(_ logCharacters: Int) -> String {
            let context = AlertTemplateContext(
                alert: alert, markup: markup, repeated: repeated, logLines: logLines, logCharacters: logCharacters, dashboardURL: dashboardURL)
            return template.render(context.values)
        }
        guard !render(maxLogCharacters).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let withLogs = LogFitting.largest(maxCharacters: maxLogCharacters, fits: { fits(build($0)) }, build: render)
        let message = build(withLogs)
        if fits(message) { return message }
        return LogFitting.largest(maxCharacters: withLogs.count, fits: fits, build: { build(markup.cut(withLogs, keeping: $0)) })
    }

    /// A one-line part (a title) rendered and cut to `limit` characters, or nil without a template.
    static func line(
        _ template: MessageTemplate?, alert: Alert, markup: TemplateMarkup, repeated: Bool, dashboardURL: String?, limit: Int
    ) -> String? {
        guard let template else { return nil }
        let context = AlertTemplateContext(alert: alert, markup: markup, repeated: repeated, logLines: 0, logCharacters: 0, dashboardURL: dashboardURL)
        let rendered = template.render(context.values).split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
        guard rendered.count > limit else { return rendered }
        var kept = String(rendered.prefix(max(0, limit - 1)))
        // Half an escape (`&am`, a lone `\`) would show as text.
        if let ampersand = kept.lastIndex(of: "&"), !kept[ampersand...].contains(";"), kept.distance(from: ampersand, to: kept.endIndex) <= 6 {
            kept = String(kept[..<ampersand])
        }
        while kept.hasSuffix("\\") { kept.removeLast() }
        return kept + "…"
    }
}
