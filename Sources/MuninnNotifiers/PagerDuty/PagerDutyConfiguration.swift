/// Settings of a PagerDuty destination: an Events API v2 integration of a service.
public struct PagerDutyConfiguration: Sendable {
    /// The integration key (32 characters) of an "Events API v2" integration; it is the credential.
    public var routingKey: String
    /// `https://events.pagerduty.com/v2/enqueue` (EU accounts: `https://events.eu.pagerduty.com/v2/enqueue`).
    public var apiURL: String
    /// Overrides the severity of every trigger (`critical`, `error`, `warning`, `info`); nil maps by alert kind.
    public var severity: PagerDutySeverity?
    /// A link shown on the incident (a dashboard, a runbook).
    public var clientURL: String?
    /// Deadline of each HTTP request.
    public var requestTimeout: Duration
    /// The log tail in `custom_details`: at most this many lines and bytes (PagerDuty takes 512 KB per event).
    public var logLines: Int
    /// Templates for the event's summary, instead of the built-in layout.
    public var templates = MessageTemplates()
    public var maximumLogBytes: Int

    public init(
        routingKey: String, apiURL: String = "https://events.pagerduty.com/v2/enqueue", severity: PagerDutySeverity? = nil, clientURL: String? = nil,
        requestTimeout: Duration = .seconds(15), logLines: Int = 100, maximumLogBytes: Int = 32 * 1024
    ) {
        self.routingKey = routingKey
        self.apiURL = apiURL
        self.severity = severity
        self.clientURL = clientURL
        self.requestTimeout = requestTimeout
        self.logLines = logLines
        self.maximumLogBytes = maximumLogBytes
    }
}
