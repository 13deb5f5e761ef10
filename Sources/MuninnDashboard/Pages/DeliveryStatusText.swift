import MuninnCore

/// An incident's delivery state in words and a CSS class: suppressed, waiting, failed, pending or delivered.
enum DeliveryStatusText {
    static func cell(_ item: IncidentSummary) -> String {
        if let why = item.suppression {
            return #"<span class="status-suppressed" title="\#(HTML.escape(why))">suppressed</span>"#
        }
        let (word, style) = state(item)
        return #"<span class="status-\#(style)">\#(word)</span>"#
    }

    private static func state(_ item: IncidentSummary) -> (String, String) {
        let counts = item.deliveries
        if item.enrichedAt == nil { return ("waiting for enrichment", "pending") }
        if counts.failed > 0 { return ("failed \(counts.failed)/\(counts.total)", "failed") }
        if counts.pending > 0 { return ("pending \(counts.pending)/\(counts.total)", "pending") }
        if counts.delivered > 0 { return ("delivered", "delivered") }
        return ("no destination", "suppressed")
    }
}
