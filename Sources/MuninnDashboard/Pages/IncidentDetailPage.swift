import Foundation
import MuninnCore

/// `/incidents/{id}`: the termination record with the decoded exit code, the log with crash lines marked and
/// anchored (`#L12`), the Events, and every delivery with its attempts and last error.
enum IncidentDetailPage {
    static func render(_ record: IncidentRecord) -> String {
        let summary = record.summary
        let incident = record.incident
        let alert = record.alert
        let signal = alert?.signal ?? incident?.signal
        let meaning = alert?.exitCodeMeaning ?? ExitCodeDescription.explain(exitCode: summary.exitCode, signal: signal, reason: summary.reason)
        var exitCode = summary.exitCode.map(String.init) ?? "-"
        if let meaning { exitCode += " — " + meaning }
        let workload = summary.workload.map { "\($0.kind)/\($0.name)" }
        let facts: [(String, String?)] = [
            ("Occurred", DashboardTime.text(summary.occurredAt)), ("Cluster", summary.cluster), ("Namespace", summary.namespace),
            ("Pod", summary.pod), ("Container", summary.container), ("Workload", workload), ("Node", summary.node), ("Image", summary.image),
            ("Kind", summary.kind.rawValue), ("Reason", summary.reason), ("Exit code", exitCode), ("Message", summary.message),
            ("Restarts", summary.restartCount.map(String.init)), ("Started", incident?.startedAt.map(DashboardTime.text)),
            ("Finished", incident?.finishedAt.map(DashboardTime.text)), ("Container ID", incident?.containerID),
            ("Queued", DashboardTime.text(record.queuedAt)), ("Enriched", summary.enrichedAt.map(DashboardTime.text) ?? "not yet (waiting for enrichment)"),
            ("Suppressed", summary.suppression),
        ]
        var body = headline(summary, exitCode: exitCode)
        body += #"<dl class="facts" id="termination">"#
        for (label, value) in facts where value != nil || ["Container", "Reason", "Exit code"].contains(label) {
            if label == "Workload", let value, let timeline = TimelineWorkload.path(namespace: summary.namespace, workload: summary.workload) {
                body += #"<dt>Workload</dt><dd><a id="workload-timeline" href="\#(HTML.escape(timeline))">\#(HTML.escape(value))</a> <span class="muted">(its timeline: crashes and changes)</span></dd>"#
            } else {
                body += "<dt>\(label)</dt><dd>\(HTML.escape(value))</dd>"
            }
        }
        body += "</dl>"
        for problem in record.problems {
            body += #"<p class="problem">\#(HTML.escape(problem))</p>"#
        }
        body += "<h2 id=\"log\">Log</h2>" + log(alert)
        body += "<h2 id=\"events\">Events</h2>"
        if let events = alert?.events, !events.isEmpty {
            body += #"<ul class="events">"# + events.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        } else {
            body += #"<p class="empty">No events.</p>"#
        }
        body += "<h2 id=\"deliveries\">Deliveries</h2>" + deliveries(record.deliveries)
        let title = "Incident \(summary.id): \(summary.namespace)/\(summary.pod)"
        return PageLayout.render(title: title, current: .incidents, body: body)
    }

    /// What happened, in one line above the facts: the reason, the decoded exit code, where and when.
    private static func headline(_ summary: IncidentSummary, exitCode: String) -> String {
        var parts = [#"<span class="badge crash">\#(HTML.escape(summary.reason ?? summary.kind.rawValue))</span>"#]
        if summary.exitCode != nil { parts.append("<span>exit \(HTML.escape(exitCode))</span>") }
        if let container = summary.container { parts.append(#"<span class="muted">container <strong>\#(HTML.escape(container))</strong></span>"#) }
        parts.append(#"<span class="muted">\#(DashboardTime.text(summary.occurredAt))</span>"#)
        return #"<p class="headline">\#(parts.joined())</p>"#
    }

    private static func log(_ alert: Alert?) -> String {
        guard let logs = alert?.logs, !logs.isEmpty else {
            let why = alert?.logsUnavailableReason ?? (alert == nil ? "not collected yet" : "empty")
            return #"<p class="empty">No log: \#(HTML.escape(why)).</p>"#
        }
        var lines = logs.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        let crash = CrashLines.indices(in: logs)
        var html = #"<pre class="log" id="log-lines">"#
        for (index, line) in lines.enumerated() {
            let number = index + 1
            let style = crash.contains(index) ? "line crash" : "line"
            let mark = crash.contains(index) ? #" data-crash="true""# : ""
            html += #"<span class="\#(style)" id="L\#(number)" data-n="\#(number)"\#(mark)>\#(HTML.escape(String(line)))</span>"#
        }
        html += "</pre>"
        if let first = crash.min() {
            let count = crash.count == 1 ? "1 line looks" : "\(crash.count) lines look"
            html = ##"<p class="log-tools"><a href="#L\##(first + 1)" id="first-crash-line">Jump to the first crash line (line \##(first + 1))</a><span class="muted">\##(count) like the crash (highlighted)</span></p>"## + html
        }
        return html
    }

    private static func deliveries(_ records: [DeliveryRecord]) -> String {
        guard !records.isEmpty else { return #"<p class="empty">No deliveries.</p>"# }
        var html = """
            <table id="delivery-records"><thead><tr><th>Destination</th><th>Channel</th><th>Status</th><th class="num">Attempts</th>\
            <th>Last attempt</th><th>Delivered</th><th>Last error</th></tr></thead><tbody>
            """
        for delivery in records {
            html += """
                <tr data-status="\(delivery.status.rawValue)"><td>\(HTML.escape(delivery.lane.destination))</td><td>\(HTML.escape(delivery.lane.channel))</td>\
                <td class="status-\(delivery.status.rawValue)">\(delivery.status.rawValue)</td><td class="num">\(delivery.attempts)</td>\
                <td>\(delivery.lastAttemptAt.map(DashboardTime.text) ?? "-")</td><td>\(delivery.deliveredAt.map(DashboardTime.text) ?? "-")</td>\
                <td>\(HTML.escape(delivery.lastError))</td></tr>
                """
        }
        return html + "</tbody></table>"
    }
}
