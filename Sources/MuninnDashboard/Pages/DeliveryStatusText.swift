import MuninnCore

/// An incident's delivery state in one word and a CSS class: suppressed, waiting, failed, pending or delivered.
enum DeliveryStatusText {
    static func cell(_ item: IncidentSummary) -> String {
        let (word, style): (String, String)
        let counts = item.deliveries
        if let why = item.suppression {
            return #"<span class="status-suppressed" title="\#(HTML.escape(why))">suppressed</span>"#
        } else if item.enrichedAt == nil {
            (word, style) = ("waiting for enrichment", "pending")
        } else if counts.failed > 0 {
            (word, style) = ("failed \(counts.failed)/\(counts.total)", "failed")
        } else if counts.pending > 0 {
            (word, style) = ("pending \(counts.pending)/\(counts.total)", "pending")
        } else if counts.delivered > 0 {
            (word, style) = ("delivered", "delivered")
        } else {
            (word, style) = ("no destination", "suppressed")
        }
        return #"<span class="status-\#(style)">\#(word)</span>"#
    }
}
