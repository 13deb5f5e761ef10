import Foundation
import KubeJSON
import Logging
import MuninnCore
import NIOHTTP1

extension DingTalkNotifier {
    /// A markdown message: what changed, where, by whom, the field changes, then as much of the diff as fits the
    /// robot's size limit.
    public func sendChange(_ change: ManifestChange, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        let body = Self.templatedChangeBody(change, configuration: configuration) ?? Self.changeBody(change, configuration: configuration)
        let answer = try await http.post(endpoint.url(secret: configuration.secret, now: now()), headers: headers, body: body.serialized(), logger: logger)
        if let error = StatusClassification.error(for: answer, service: "DingTalk", now: now()) { throw error }
        guard let json = try? JSONValue(parsing: answer.body) else { throw .retryable(reason: "DingTalk: answer without errcode", retryAfter: nil) }
        let errcode = json["errcode"]?.intValue ?? json["errcode"]?.stringValue.flatMap { Int64($0) }
        guard let errcode else { throw .retryable(reason: "DingTalk: answer without errcode", retryAfter: nil) }
        guard errcode != 0 else { return DeliveryReceipt() }
        throw Self.classify(errcode: errcode, errmsg: PlainText.clipped(PlainText.singleLine(json["errmsg"]?.stringValue ?? ""), to: 200))
    }

    static func changeBody(_ change: ManifestChange, configuration: DingTalkConfiguration) -> JSONValue {
        var diffCharacters = 4_000
        while true {
            let title = PlainText.clipped(PlainText.singleLine("\(configuration.keyword): \(ChangePayload.summary(change))"), to: 100)
            var text = "#### " + DingTalkMarkdown.escaped(title) + "\n\n"
            var rows: [(String, String?)] = [("Cluster", change.cluster), ("Changed by", change.changedBy), ("Time", RFC3339.format(change.observedAt))]
            if change.whileStopped { rows.append(("Note", "changed while Muninn was not running; found at start-up")) }
            for case (let label, let value?) in rows { text += "- **\(label):** " + DingTalkMarkdown.escaped(PlainText.clipped(value, to: 300)) + "\n" }
            let fields = change.diff.fieldChanges.prefix(20).map { field in
                PlainText.clipped(PlainText.singleLine("\(field.path): \(field.old ?? "∅") -> \(field.new ?? "∅")"), to: 300)
            }
            if !fields.isEmpty, change.action == .updated {
                text += "\n**Changes**\n\n" + DingTalkMarkdown.quoted(fields.joined(separator: "\n")) + "\n"
            }
            if change.action == .updated, diffCharacters > 0, !change.diff.unifiedDiff.isEmpty {
                text += "\n**Diff**\n\n" + DingTalkMarkdown.quoted(PlainText.clipped(PlainText.sanitized(change.diff.unifiedDiff), to: diffCharacters)) + "\n"
            }
            let body: JSONValue = ["msgtype": "markdown", "markdown": ["title": .string(title), "text": .string(text)]]
            if body.serialized().count <= configuration.maximumBodyBytes || diffCharacters == 0 { return body }
            diffCharacters = diffCharacters >= 200 ? diffCharacters / 2 : 0
        }
    }
}
