import Foundation
import MuninnCore

extension TemplateFitting {
    /// A change template's text with the longest diff for which the message `fits`, else with the text cut and a note;
    /// nil when it renders blank. Also returns the diff lines left out.
    static func fittedChange<Message>(
        _ template: MessageTemplate, change: ManifestChange, markup: TemplateMarkup, maxDiffCharacters: Int, build: (String) -> Message,
        fits: (Message) -> Bool
    ) -> (message: Message, diffLinesCut: Int)? {
        func context(_ characters: Int) -> ChangeTemplateContext { ChangeTemplateContext(change: change, markup: markup, diffCharacters: characters) }
        let whole = template.render(context(maxDiffCharacters).values)
        guard !whole.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let budget = LogFitting.largest(maxCharacters: maxDiffCharacters, fits: { fits(build(template.render(context($0).values))) }, build: { $0 })
        let text = template.render(context(budget).values)
        let message = build(text)
        if fits(message) { return (message, context(budget).diffLinesCut) }
        let cut = LogFitting.largest(maxCharacters: text.count, fits: fits, build: { build(markup.cut(text, keeping: $0)) })
        return (cut, context(0).diffLinesCut)
    }
}
