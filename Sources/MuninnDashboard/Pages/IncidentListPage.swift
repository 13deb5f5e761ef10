import Foundation
import MuninnCore

/// `/`: the filter form (plain GET fields, works without JavaScript), one row per incident, and a link to the next page.
enum IncidentListPage {
    static func render(page: IncidentPage, parameters: QueryParameters, query: IncidentQuery) -> String {
        var body = form(parameters)
        if page.items.isEmpty {
            body += #"<p class="empty" id="no-incidents">No incidents match.</p>"#
        } else {
            body += """
                <table id="incidents">
                <thead><tr><th>Time (UTC)</th><th>Cluster</th><th>Namespace/pod</th><th>Container</th><th>Kind</th><th>Reason</th>\
                <th class="num">Exit code</th><th class="num">Restarts</th><th>Delivery</th></tr></thead>
                <tbody>
                """
            body += page.items.map(row).joined(separator: "\n")
            body += "</tbody></table>"
        }
        if let next = page.nextCursor {
            var pairs = IncidentQueryParameters.filterNames.compactMap { name in parameters[name].map { (name, $0) } }
            if let limit = parameters["limit"] { pairs.append(("limit", limit)) }
            pairs.append(("cursor", next.description))
            let href = "/?" + pairs.map { "\($0.0)=\(HTML.queryValue($0.1))" }.joined(separator: "&")
            body += #"<p class="paging"><a rel="next" id="next-page" href="\#(HTML.escape(href))">Older incidents →</a></p>"#
        }
        if query.cursor != nil {
            body += #"<p class="paging"><a href="/">Back to the newest</a></p>"#
        }
        return PageLayout.render(title: "Incidents", current: .incidents, body: body)
    }

    private static func form(_ parameters: QueryParameters) -> String {
        let labels = [
            "cluster": "Cluster", "namespace": "Namespace", "workload": "Workload (Kind/name)", "pod": "Pod", "container": "Container",
            "reason": "Reason", "since": "Since (2h, 7d or a date)", "until": "Until", "search": "Search logs, messages, events",
        ]
        var fields = ""
        for name in IncidentQueryParameters.filterNames where name != "kind" {
            let value = HTML.escape(parameters[name] ?? "")
            let type = name == "search" ? "search" : "text"
            let wide = name == "search" ? #" class="search""# : ""
            fields += #"<label\#(wide)>\#(labels[name] ?? name)<input type="\#(type)" name="\#(name)" value="\#(value)"></label>"#
        }
        let selected = parameters["kind"] ?? ""
        var options = #"<option value="">any</option>"#
        for kind in Incident.Kind.allCases {
            let mark = kind.rawValue == selected ? " selected" : ""
            options += #"<option value="\#(kind.rawValue)"\#(mark)>\#(kind.rawValue)</option>"#
        }
        fields += #"<label>Kind<select name="kind">\#(options)</select></label>"#
        return #"<form class="filters" method="get" action="/" role="search">\#(fields)<div class="actions"><button type="submit">Filter</button><a href="/">Clear</a></div></form>"#
    }

    private static func row(_ item: IncidentSummary) -> String {
        let pod = HTML.escape("\(item.namespace)/\(item.pod)")
        let matched = item.matchedLine.map { #"<div class="matched">\#(HTML.escape($0))</div>"# } ?? ""
        let workload = TimelineWorkload.path(namespace: item.namespace, workload: item.workload).map { href in
            #"<div class="workload"><a class="timeline-link" href="\#(HTML.escape(href))">\#(HTML.escape(item.workload.map { "\($0.kind)/\($0.name)" } ?? ""))</a></div>"#
        } ?? ""
        return """
            <tr id="incident-\(item.id)" data-incident-id="\(item.id)"><td class="time"><a href="/incidents/\(item.id)">\(DashboardTime.text(item.occurredAt))</a></td>\
            <td>\(HTML.escape(item.cluster))</td><td><a href="/incidents/\(item.id)">\(pod)</a>\(workload)\(matched)</td><td>\(HTML.escape(item.container))</td>\
            <td>\(item.kind.rawValue)</td><td>\(HTML.escape(item.reason))</td><td class="num">\(item.exitCode.map(String.init) ?? "-")</td>\
            <td class="num">\(item.restartCount.map(String.init) ?? "-")</td><td>\(DeliveryStatusText.cell(item))</td></tr>
            """
    }
}
