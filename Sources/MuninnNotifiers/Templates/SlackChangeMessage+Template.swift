import Foundation
import KubeJSON
import MuninnCore

extension SlackChangeMessage {
    init(payload: JSONValue, title: String, linesCut: Int) {
        self.payload = payload
        self.title = title
        self.linesCut = linesCut
    }

    /// The change template's text as mrkdwn sections (instead of kwatchman's attachment), with as much of the diff as
    /// fits; nil without a change template.
    static func templated(_ change: ManifestChange, templates: MessageTemplates) -> SlackChangeMessage? {
        guard let template = templates.change else { return nil }
        func build(_ text: String) -> [String] { SlackMessage.sections(of: text) }
        func fits(_ sections: [String]) -> Bool {
            sections.count <= SlackMessage.templatedSections && sections.reduce(0) { $0 + $1.count } <= SlackLimits.totalBlockText - 500
        }
        guard let fitted = TemplateFitting.fittedChange(template, change: change, markup: .slackMrkdwn, maxDiffCharacters: 8_000, build: build, fits: fits)
        else { return nil }
        let payload: JSONValue = ["blocks": .array(fitted.message.map(SlackMessage.section))]
        return SlackChangeMessage(payload: payload, title: ChangePayload.summary(change), linesCut: fitted.diffLinesCut)
    }
}
