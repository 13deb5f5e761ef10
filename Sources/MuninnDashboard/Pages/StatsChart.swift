import Foundation
import MuninnCore

/// The incidents-over-time chart as inline SVG, drawn on the server: one bar per bucket, stacked by reason
/// (the first seven reasons get their own colour, the rest share one), a count axis and time labels.
enum StatsChart {
    static let colours = 8

    /// The CSS class of a reason's colour (`c0`...`c7`).
    static func colourClass(_ reason: String, in reasons: [ReasonCount]) -> String {
        let index = reasons.firstIndex { $0.reason == reason } ?? colours - 1
        return "c\(min(index, colours - 1))"
    }

    static func svg(_ buckets: IncidentBuckets) -> String {
        let width = 900.0, height = 260.0, left = 40.0, bottom = 30.0, top = 10.0
        let plotHeight = height - bottom - top
        let maximum = max(buckets.buckets.map(\.total).max() ?? 0, 1)
        let slot = (width - left - 10) / Double(max(buckets.buckets.count, 1))
        let barWidth = max(slot * 0.8, 1)
        var svg = #"<svg class="chart" id="chart" role="img" aria-label="Incidents per \#(buckets.size.rawValue)" viewBox="0 0 \#(Int(width)) \#(Int(height))" width="\#(Int(width))" height="\#(Int(height))">"#
        svg += #"<line class="axis" x1="\#(left)" y1="\#(top)" x2="\#(left)" y2="\#(top + plotHeight)"/>"#
        svg += #"<line class="axis" x1="\#(left)" y1="\#(top + plotHeight)" x2="\#(width - 10)" y2="\#(top + plotHeight)"/>"#
        for tick in Set([0, maximum / 2, maximum]).sorted() {
            let y = top + plotHeight - plotHeight * Double(tick) / Double(maximum)
            svg += #"<text x="\#(left - 6)" y="\#(y + 4)" text-anchor="end">\#(tick)</text>"#
        }
        let labelEvery = max(buckets.buckets.count / 8, 1)
        for (index, bucket) in buckets.buckets.enumerated() {
            let x = left + Double(index) * slot + (slot - barWidth) / 2
            var y = top + plotHeight
            for count in bucket.counts.reversed() {
                let barHeight = plotHeight * Double(count.count) / Double(maximum)
                y -= barHeight
                let title = "\(label(bucket.start, buckets.size)): \(count.count) \(count.reason)"
                svg += #"<rect class="\#(colourClass(count.reason, in: buckets.reasons))" x="\#(format(x))" y="\#(format(y))" width="\#(format(barWidth))" height="\#(format(barHeight))"><title>\#(HTML.escape(title))</title></rect>"#
            }
            if index % labelEvery == 0 {
                svg += #"<text x="\#(format(x + barWidth / 2))" y="\#(height - 10)" text-anchor="middle">\#(label(bucket.start, buckets.size))</text>"#
            }
        }
        return svg + "</svg>"
    }

    static func legend(_ buckets: IncidentBuckets) -> String {
        var html = #"<ul class="legend" id="legend">"#
        for reason in buckets.reasons {
            html += #"<li><span class="swatch \#(colourClass(reason.reason, in: buckets.reasons))"></span>\#(HTML.escape(reason.reason)) (\#(reason.count))</li>"#
        }
        return html + "</ul>"
    }

    /// `11-20 08h` for hours, `2026-11-20` for days (UTC).
    static func label(_ date: Date, _ size: IncidentBuckets.Size) -> String {
        let text = DashboardTime.text(date)  // 2026-11-20T08:00:00Z
        switch size {
        case .day: return String(text.prefix(10))
        case .hour: return String(text.dropFirst(5).prefix(5)) + " " + String(text.dropFirst(11).prefix(2)) + "h"
        }
    }

    private static func format(_ value: Double) -> String { String(format: "%.1f", value) }
}
