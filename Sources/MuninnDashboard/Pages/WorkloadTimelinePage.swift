import Foundation
import MuninnCore

/// `/workloads/{namespace}/{kind}/{name}`: the workload's incidents and manifest changes interleaved, newest
/// first. Each change lists its field changes and carries its unified diff in a `<details>` (no JavaScript).
enum WorkloadTimelinePage {
    static func render(_ timeline: WorkloadTimeline) -> String {
        let workload = timeline.workload
        let incidentsHref = "/?namespace=\(HTML.queryValue(workload.namespace))&workload=\(HTML.queryValue("\(workload.kind)/\(workload.name)"))"
        var body = #"<p class="lead">Namespace <strong>\#(HTML.escape(workload.namespace))</strong> · \#(HTML.escape(workload.kind)) <strong>\#(HTML.escape(workload.name))</strong> · <a href="\#(HTML.escape(incidentsHref))">its incidents in the list</a></p>"#
        if !timeline.changeHistoryEnabled {
            body += #"<p class="notice" id="changes-disabled">Change history is not enabled: only incidents are shown. Turn on the change watch (<code>changes:</code> in the configuration) to see manifest changes beside them.</p>"#
        }
        guard !timeline.entries.isEmpty else {
            body += #"<p class="empty" id="no-entries">Nothing recorded for this workload.</p>"#
            return PageLayout.render(title: "Timeline: \(workload.kind)/\(workload.name)", current: nil, body: body)
        }
        // The diff of a change a crash followed is what the reader came for: it starts open.
        let followed = Set(
            timeline.entries.compactMap { entry -> String? in
                if case .incident(_, let afterChange) = entry { return afterChange?.changeID }
                return nil
            })
        body += #"<ol class="timeline" id="timeline">"#
        for entry in timeline.entries {
            switch entry {
            case .incident(let incident, let afterChange): body += self.incident(incident, afterChange: afterChange)
            case .change(let change): body += self.change(change, open: followed.contains(change.id))
            }
        }
        body += "</ol>"
        if timeline.truncated {
            body += #"<p class="muted" id="timeline-truncated">Older entries are left out: narrow the range with <code>until=</code> or raise <code>limit=</code>.</p>"#
        }
        return PageLayout.render(title: "Timeline: \(workload.kind)/\(workload.name)", current: nil, body: body)
    }

    private static func incident(_ item: IncidentSummary, afterChange: WorkloadTimelineEntry.PrecedingChange?) -> String {
        var what = #"<span class="badge crash">\#(HTML.escape(item.reason ?? item.kind.rawValue))</span> "#
        what += #"<a href="/incidents/\#(item.id)">\#(HTML.escape(item.pod))</a>"#
        if let container = item.container { what += " · container \(HTML.escape(container))" }
        if let exit = item.exitCode { what += " · exit \(exit)" }
        what += " · " + DeliveryStatusText.cell(item)
        if let afterChange {
            what += #"<div class="hint" data-after-change="\#(HTML.escape(afterChange.changeID))">\#(Self.duration(afterChange.seconds)) after a change of this workload</div>"#
        }
        if let message = item.message { what += #"<div class="message">\#(HTML.escape(message))</div>"# }
        return """
            <li class="entry incident" data-type="incident" data-incident-id="\(item.id)"><time datetime="\(DashboardTime.text(item.occurredAt))">\
            \(DashboardTime.text(item.occurredAt))</time><div class="what">\(what)</div></li>
            """
    }

    private static func change(_ change: ManifestChange, open: Bool) -> String {
        var what = #"<span class="badge change">\#(change.action.rawValue)</span> \#(HTML.escape(change.kind))/\#(HTML.escape(change.name))"#
        if let by = change.changedBy { what += " by <code>\(HTML.escape(by))</code>" }
        if change.whileStopped { what += #" <span class="muted">(made while Muninn was stopped, found at start-up)</span>"# }
        if !change.diff.fieldChanges.isEmpty {
            what += #"<ul class="field-changes">"#
            for field in change.diff.fieldChanges { what += "<li>" + fieldChange(field) + "</li>" }
            what += "</ul>"
        }
        if !change.diff.unifiedDiff.isEmpty {
            what += #"<details class="diff"\#(open ? " open" : "")><summary>Unified diff</summary>"# + UnifiedDiffHTML.render(change.diff.unifiedDiff) + "</details>"
        }
        return """
            <li class="entry change" data-type="change" data-change-id="\(HTML.escape(change.id))"><time datetime="\(DashboardTime.text(change.observedAt))">\
            \(DashboardTime.text(change.observedAt))</time><div class="what">\(what)</div></li>
            """
    }

    private static func fieldChange(_ field: FieldChange) -> String {
        let path = "<code>\(HTML.escape(field.path))</code>"
        switch field.operation {
        case .added: return #"\#(path) added: <ins>\#(HTML.escape(field.new, absent: ""))</ins>"#
        case .removed: return #"\#(path) removed: <del>\#(HTML.escape(field.old, absent: ""))</del>"#
        case .changed: return #"\#(path): <del>\#(HTML.escape(field.old, absent: ""))</del> → <ins>\#(HTML.escape(field.new, absent: ""))</ins>"#
        }
    }

    /// `45 s`, `12 min`.
    static func duration(_ seconds: Int) -> String {
        seconds < 60 ? "\(seconds) s" : "\(seconds / 60) min"
    }
}
