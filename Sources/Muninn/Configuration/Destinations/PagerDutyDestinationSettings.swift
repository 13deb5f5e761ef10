/// `type: pagerduty`: an Events API v2 integration; the routing key is the credential.
struct PagerDutyDestinationSettings: Equatable {
    var routingKey: SecretValue
    var apiURL: String = "https://events.pagerduty.com/v2/enqueue"
    /// `critical`, `error`, `warning` or `info` for every trigger; nil maps by alert kind.
    var severity: String?
    var clientURL: String?
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 100
    var maximumLogBytes: Int = 32 * 1024
}
