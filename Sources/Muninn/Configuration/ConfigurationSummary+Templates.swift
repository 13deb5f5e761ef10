import MuninnNotifiers

extension ConfigurationSummary {
    /// `, template: title, text` for a destination with message templates (compiled, checked and rendered against a
    /// sample while loading), nothing otherwise.
    static func templateNote(_ destination: DestinationConfiguration) -> String {
        let templates = destination.templates
        let parts = [
            templates.title.map { _ in destination.kind == .pagerduty ? "summary" : "title" }, templates.text.map { _ in "text" },
            templates.change.map { _ in "change" },
        ].compactMap { $0 }
        return parts.isEmpty ? "" : ", template: " + parts.joined(separator: ", ")
    }
}
