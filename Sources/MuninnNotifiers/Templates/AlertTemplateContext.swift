import Foundation
import KubeJSON
import MuninnCore

/// The variables a message template sees for one alert, every value from the cluster already escaped for the
/// destination's markup: single values with ``TemplateMarkup/inline(_:)``, multi-line ones (`message`, `logs`,
/// `eventsText`, `precedingChange.diff`) as complete blocks with ``TemplateMarkup/block(_:)``. Missing values are absent,
/// so `{{#container}}…{{/container}}` shows only when there is one. The list is in docs/templates.md.
public struct AlertTemplateContext {
    /// What ``MessageTemplate/render(_:)`` takes.
    public let values: [String: Any]

    /// - Parameters:
    ///   - alert: an alert that has already been redacted.
    ///   - repeated: a later alert of a crash loop (the destination was given the first message's id).
    ///   - logLines, logCharacters: the budget of `logs`; destinations lower `logCharacters` to stay within their limits.
    ///   - dashboardURL: the dashboard's external base URL, for `dashboardURL`.
    public init(
        alert: Alert, markup: TemplateMarkup, repeated: Bool = false, logLines: Int = 20, logCharacters: Int = 2_000,
        dashboardURL: String? = nil
    ) {
        var values: [String: Any] = [:]
        func inline(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { values[key] = markup.inline(PlainText.clipped(value, to: 1_000)) }
        }
        inline("kind", alert.kind.rawValue)
        inline("headline", alert.headline(repeated: repeated))
        inline("title", alert.title(repeated: repeated))
        inline("summary", alert.summaryLine(repeated: repeated))
        values["repeated"] = repeated
        values["recovered"] = alert.isRecovery
        values["seenLate"] = alert.seenLate
        inline("cluster", alert.cluster)
        inline("namespace", alert.namespace)
        inline("pod", alert.pod)
        inline("container", alert.container)
        inline("node", alert.node)
        inline("image", alert.image)
        inline("reason", alert.reason)
        if let workload = alert.workload {
            values["workload"] = ["kind": markup.inline(workload.kind), "name": markup.inline(workload.name)]
        }
        inline("exitCode", alert.exitCode.map(String.init))
        inline("signal", alert.signal.map(String.init))
        inline("signalName", alert.signal.flatMap { $0 > 0 ? ExitCodeDescription.signalName($0) : nil })
        inline("exitCodeMeaning", alert.exitCodeExplanation)
        inline("restartCount", alert.restartCount.map(String.init))
        inline("restartsSeen", alert.restartsSeen.map(String.init))
        if let message = alert.shownMessage { values["message"] = markup.block(message) }
        if let tail = alert.logTail(maxLines: logLines, maxCharacters: logCharacters) {
            values["logs"] = markup.block(tail.text)
            inline("logsCut", tail.cutNotice)
        } else {
            inline("logsUnavailable", alert.logsUnavailableReason ?? "not collected")
        }
        let events = alert.events.suffix(10).map { markup.inline(PlainText.clipped($0, to: 300)) }
        if !events.isEmpty { values["events"] = events }
        if let text = alert.shownEvents { values["eventsText"] = markup.block(text) }
        inline("occurredAt", alert.occurredAtText)
        inline("startedAt", alert.startedAt.map { RFC3339.format($0) })
        if alert.kind == .crashed { inline("finishedAt", alert.occurredAtText) }
        inline("containerID", alert.containerID)
        if let change = alert.precedingChange { values["precedingChange"] = Self.change(change, alert: alert, markup: markup) }
        if let dashboardURL { values["dashboardURL"] = markup.url(Self.incidentURL(base: dashboardURL, id: alert.id)) }
        inline("alertId", alert.id)
        self.values = values
    }

    private static func change(_ change: PrecedingChange, alert: Alert, markup: TemplateMarkup) -> [String: Any] {
        var values: [String: Any] = [
            "kind": markup.inline(change.kind), "name": markup.inline(change.name),
            "changedAt": markup.inline(RFC3339.format(change.changedAt)),
            "summary": markup.inline(PlainText.clipped(change.summary, to: 500)),
            "sentence": markup.inline(PlainText.clipped(change.sentence(for: alert), to: 500)),
            "diff": markup.block(PrecedingChangeText.diff(change, maxLines: 30, maxCharacters: 1_500)),
            "fieldChanges": change.fieldChanges.prefix(20).map { field -> [String: Any] in
                var item: [String: Any] = ["path": markup.inline(field.path), "operation": field.operation.rawValue]
                if let old = field.old { item["old"] = markup.inline(PlainText.clipped(old, to: 300)) }
                if let new = field.new { item["new"] = markup.inline(PlainText.clipped(new, to: 300)) }
                return item
            },
        ]
        if let by = change.changedBy, !by.isEmpty { values["changedBy"] = markup.inline(by) }
        return values
    }

    /// `<base>/incidents/<id>`, the id percent-encoded whole so that nothing in it can end a link.
    static func incidentURL(base: String, id: String) -> String {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        return trimmed + "/incidents/" + (id.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// Every variable and its shape, for checking templates.
    public static let schema: [String: TemplateSchema] = {
        var schema: [String: TemplateSchema] = [:]
        for name in [
            "kind", "headline", "title", "summary", "repeated", "recovered", "seenLate", "cluster", "namespace", "pod", "container",
            "node", "image", "reason", "exitCode", "signal", "signalName", "exitCodeMeaning", "restartCount", "restartsSeen",
            "message", "logs", "logsCut", "logsUnavailable", "eventsText", "occurredAt", "startedAt", "finishedAt", "containerID",
            "dashboardURL", "alertId",
        ] {
            schema[name] = .value
        }
        schema["workload"] = .object(["kind": .value, "name": .value])
        schema["events"] = .list(.value)
        schema["precedingChange"] = .object([
            "kind": .value, "name": .value, "changedAt": .value, "changedBy": .value, "summary": .value, "sentence": .value, "diff": .value,
            "fieldChanges": .list(.object(["path": .value, "operation": .value, "old": .value, "new": .value])),
        ])
        return schema
    }()
}
