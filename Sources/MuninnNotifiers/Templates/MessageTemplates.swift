/// The templates of one destination: its title and its text (the parts each destination has are listed in
/// docs/templates.md), and the dashboard link offered as `dashboardURL`. Empty means the built-in layout.
public struct MessageTemplates: Sendable, Equatable {
    /// The one-line part: Slack's header and notification text, a card or embed title, DingTalk's title, PagerDuty's summary.
    public var title: MessageTemplate?
    /// The body.
    public var text: MessageTemplate?
    /// The text of change-watch messages (Slack, Slack webhook, DingTalk), with the change variables.
    public var change: MessageTemplate?
    /// The dashboard's external base URL (`https://muninn.example.com`), for `{{dashboardURL}}`.
    public var dashboardURL: String?

    public init(title: MessageTemplate? = nil, text: MessageTemplate? = nil, change: MessageTemplate? = nil, dashboardURL: String? = nil) {
        self.title = title
        self.text = text
        self.change = change
        self.dashboardURL = dashboardURL
    }

    /// No alert template: the destination's own layout for alerts.
    public var isEmpty: Bool { title == nil && text == nil }
}
