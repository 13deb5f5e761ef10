import Foundation
import MuninnCore

/// `/stats`: incidents over time by hour or day, stacked by reason, and the workloads that crash most.
enum StatsPage {
    static func render(buckets: IncidentBuckets, workloads: [WorkloadCrashCount], parameters: QueryParameters) -> String {
        let other: IncidentBuckets.Size = buckets.size == .hour ? .day : .hour
        var keep = IncidentQueryParameters.filterNames.compactMap { name in parameters[name].map { "\(name)=\(HTML.queryValue($0))" } }
        keep.append("by=\(other.rawValue)")
        var body = #"<p class="summary-line">\#(buckets.total) incidents, per \#(buckets.size.rawValue) (UTC). <a id="switch-size" href="\#(HTML.escape("/stats?" + keep.joined(separator: "&")))">Per \#(other.rawValue)</a></p>"#
        if buckets.buckets.isEmpty {
            body += #"<p class="empty">No incidents in this range.</p>"#
        } else {
            body += #"<div class="chart-panel">"# + StatsChart.svg(buckets) + StatsChart.legend(buckets) + "</div>"
        }
        body += #"<h2 id="top-workloads">Top crashing workloads</h2>"#
        if workloads.isEmpty {
            body += #"<p class="empty">None.</p>"#
        } else {
            body += #"<table id="workloads"><thead><tr><th>Cluster</th><th>Namespace</th><th>Workload</th><th class="num">Incidents</th><th>Last</th><th>Reasons</th><th>Timeline</th></tr></thead><tbody>"#
            for item in workloads {
                let reasons = item.reasons.map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
                let timeline = TimelineWorkload(namespace: item.namespace, kind: item.workload.kind, name: item.workload.name).path
                let filter = "/?namespace=\(HTML.queryValue(item.namespace))&workload=\(HTML.queryValue("\(item.workload.kind)/\(item.workload.name)"))"
                body += """
                    <tr><td>\(HTML.escape(item.cluster))</td><td>\(HTML.escape(item.namespace))</td>\
                    <td><a href="\(HTML.escape(filter))">\(HTML.escape("\(item.workload.kind)/\(item.workload.name)"))</a></td>\
                    <td class="num">\(item.count)</td><td>\(DashboardTime.text(item.lastOccurredAt))</td><td>\(HTML.escape(reasons))</td>\
                    <td><a class="timeline-link" href="\(HTML.escape(timeline))">crashes and changes</a></td></tr>
                    """
            }
            body += "</tbody></table>"
        }
        return PageLayout.render(title: "Stats", current: .stats, body: body)
    }
}
