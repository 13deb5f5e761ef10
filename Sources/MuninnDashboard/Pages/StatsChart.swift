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
        let width = 1200.0, height = 300.0, left = 64.0, right = 16.0, bottom = 52.0, top = 16.0
        let plotHeight = height - bottom - top, plotWidth = width - left - right
        let step = tickStep(buckets.buckets.map(\.total).max() ?? 0)
        let maximum = max(step * Int((Double(buckets.buckets.map(\.total).max() ?? 0) / Double(step)).rounded(.up)), step)
        let slot = plotWidth / Double(max(buckets.buckets.count, 1))
        let barWidth = max(slot * 0.75, 1)
        let unit = buckets.size == .hour ? "hour" : "day"
        var svg = #"<svg class="chart" id="chart" role="img" aria-label="Incidents per \#(unit)" viewBox="0 0 \#(Int(width)) \#(Int(height))" preserveAspectRatio="xMinYMin meet">"#
        for tick in stride(from: 0, through: maximum, by: step) {
            let y = top + plotHeight - plotHeight * Double(tick) / Double(maximum)
            svg += #"<line class="grid" x1="\#(format(left))" y1="\#(format(y))" x2="\#(format(width - right))" y2="\#(format(y))"/>"#
            svg += #"<text class="tick-label" x="\#(format(left - 8))" y="\#(format(y + 4))" text-anchor="end">\#(tick)</text>"#
        }
        let labelEvery = max(Int((Double(buckets.buckets.count) / 12).rounded(.up)), 1)
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
                let centre = x + barWidth / 2
                svg += #"<line class="axis" x1="\#(format(centre))" y1="\#(format(top + plotHeight))" x2="\#(format(centre))" y2="\#(format(top + plotHeight + 4))"/>"#
                svg += #"<text class="tick-label" x="\#(format(centre))" y="\#(format(top + plotHeight + 18))" text-anchor="middle">\#(label(bucket.start, buckets.size))</text>"#
            }
        }
        svg += #"<line class="axis" x1="\#(format(left))" y1="\#(format(top))" x2="\#(format(left))" y2="\#(format(top + plotHeight))"/>"#
        svg += #"<line class="axis" x1="\#(format(left))" y1="\#(format(top + plotHeight))" x2="\#(format(width - right))" y2="\#(format(top + plotHeight))"/>"#
        svg += #"<text class="axis-title" id="y-axis-title" transform="translate(16 \#(format(top + plotHeight / 2))) rotate(-90)" text-anchor="middle">Incidents per \#(unit)</text>"#
        svg += #"<text class="axis-title" id="x-axis-title" x="\#(format(left + plotWidth / 2))" y="\#(format(height - 8))" text-anchor="middle">\#(unit.capitalized) (UTC)</text>"#
        return svg + "</svg>"
    }

    /// A round step (1, 2 or 5 times a power of ten) giving at most five ticks up to `maximum`.
    static func tickStep(_ maximum: Int) -> Int {
        var magnitude = 1
        while true {
            for factor in [1, 2, 5] where maximum <= factor * magnitude * 5 { return factor * magnitude }
            magnitude *= 10
        }
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
