import Foundation
import KubeJSON
import MuninnCore

extension SlackMessage {
    /// The message with the configured templates: the title template as the header (plain text) and the notification
    /// text (mrkdwn), the text template as mrkdwn sections. Parts without a template keep the built-in layout; nil
    /// without any template.
    static func templated(
        _ alert: Alert, templates: MessageTemplates, inlineLogLines: Int, inlineLogCharacters: Int, repeated: Bool
    ) -> SlackMessage? {
        guard !templates.isEmpty else { return nil }
        var message = SlackMessage(alert: alert, inlineLogLines: inlineLogLines, inlineLogCharacters: inlineLogCharacters, repeated: repeated)
        if let header = TemplateFitting.line(
            templates.title, alert: alert, markup: .plainText, repeated: repeated, dashboardURL: templates.dashboardURL, limit: SlackLimits.headerText),
            !header.isEmpty,
            let fallback = TemplateFitting.line(
                templates.title, alert: alert, markup: .slackMrkdwn, repeated: repeated, dashboardURL: templates.dashboardURL,
                limit: SlackLimits.fallbackText)
        {
            message.text = fallback
            message.blocks[0] = ["type": "header", "text": ["type": "plain_text", "text": .string(header)]]
        }
        if let template = templates.text,
            let sections = TemplateFitting.fitted(
                template, alert: alert, markup: .slackMrkdwn, repeated: repeated, logLines: inlineLogLines, maxLogCharacters: inlineLogCharacters,
                dashboardURL: templates.dashboardURL, build: sections(of:), fits: fits)
        {
            message.blocks = [message.blocks[0]] + sections.map(section)
        }
        return message
    }

    /// The chat.postMessage body of a reply under `threadTS`.
    func replyBody(channel: String, threadTS: String) -> JSONValue {
        var body = postBody(channel: channel)
        body["thread_ts"] = .string(threadTS)
        return body
    }

    /// Most sections a templated message may use, and the characters they may hold together (Slack's total is
    /// undocumented; `msg_blocks_too_long` comes near 13,200).
    static let templatedSections = 40

    private static func fits(_ sections: [String]) -> Bool {
        sections.count <= templatedSections && sections.reduce(0) { $0 + $1.count } <= SlackLimits.totalBlockText - 500
    }

    /// Rendered mrkdwn split into section texts of at most 3,000 characters at line breaks; a code block split between
    /// two sections is closed at the end of one and opened again in the next.
    static func sections(of text: String) -> [String] {
        let limit = SlackLimits.sectionText - 8
        var sections: [String] = []
        var current = ""
        var inFence = false
        func flush() {
            guard !current.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                current = ""
                return
            }
            sections.append(inFence ? current + "\n```" : current)
            current = inFence ? "```\n" : ""
        }
        // A line longer than a section (a log line without breaks) is cut into pieces first.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            var pieces: [String] = []
            var rest = Substring(line)
            while rest.count > limit - 8 {
                pieces.append(String(rest.prefix(limit - 8)))
                rest = rest.dropFirst(limit - 8)
            }
            return pieces + [String(rest)]
        }
        for line in lines {
            if current.count + line.count + 1 > limit { flush() }
            current += (current.isEmpty || current == "```\n" ? "" : "\n") + line
            if line.components(separatedBy: "```").count % 2 == 0 { inFence.toggle() }
        }
        inFence = false
        flush()
        return sections
    }
}
