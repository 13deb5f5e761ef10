import Foundation
import KubeJSON
import MuninnCore

extension DingTalkNotifier {
    /// The change template's markdown (the keyword heads it when the text lacks it), with as much of the diff as fits the
    /// robot's size limit; nil without a change template.
    static func templatedChangeBody(_ change: ManifestChange, configuration: DingTalkConfiguration) -> JSONValue? {
        guard let template = configuration.templates.change else { return nil }
        let title = PlainText.clipped(PlainText.singleLine("\(configuration.keyword): \(ChangePayload.summary(change))"), to: 100)
        func build(_ text: String) -> JSONValue {
            var markdown = text
            if !configuration.keyword.isEmpty, !markdown.contains(configuration.keyword) {
                markdown = "#### " + DingTalkMarkdown.escaped(configuration.keyword) + "\n\n" + markdown
            }
            return ["msgtype": "markdown", "markdown": ["title": .string(title), "text": .string(markdown)]]
        }
        return TemplateFitting.fittedChange(
            template, change: change, markup: .dingTalkMarkdown, maxDiffCharacters: 4_000, build: build,
            fits: { $0.serialized().count <= configuration.maximumBodyBytes })?.message
    }
}
