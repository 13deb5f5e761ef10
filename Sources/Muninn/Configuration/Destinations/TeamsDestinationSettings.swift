/// `type: teams`: a Microsoft Teams Workflows webhook; the URL is the credential.
struct TeamsDestinationSettings: Equatable {
    var url: SecretValue
    var requestTimeout: Duration = .seconds(15)
    var logLines: Int = 30
}
