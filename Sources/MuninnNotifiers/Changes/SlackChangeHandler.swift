import AsyncHTTPClient
import Foundation
import Logging
import MuninnCore

/// kwatchman's `slack` handler: kwatchman's attachment to an incoming webhook (`webhookURL`), or with a bot token to
/// a channel by chat.postMessage, where a long diff also goes along whole as a file. `clusterName` is the footer.
public struct SlackChangeHandler: ChangeHandler {
    public let name = "slack"
    private enum Destination: Sendable {
        case webhook(SlackWebhookNotifier)
        case bot(SlackNotifier, channel: String)
    }

    private let destination: Destination
    private let clusterName: String?

    /// - Throws: ``NotifierError/permanent(reason:)`` when the target has neither a webhook URL nor a token and channel.
    public init(
        target: SlackChangeTarget, apiURL: String = "https://slack.com/api", requestTimeout: Duration = .seconds(15),
        httpClient: HTTPClient = .notifiers, now: @escaping @Sendable () -> Date = { Date() }
    ) throws(NotifierError) {
        clusterName = target.clusterName
        if let token = target.token, !token.isEmpty {
            guard let channel = target.channel, !channel.isEmpty else {
                throw .permanent(reason: "the slack change handler has a token but no channel")
            }
            let configuration = SlackConfiguration(token: token, apiURL: apiURL, defaultChannel: channel, requestTimeout: requestTimeout)
            destination = .bot(SlackNotifier(name: "slack", configuration: configuration, httpClient: httpClient, now: now), channel: channel)
        } else if let url = target.webhookURL, !url.isEmpty {
            destination = .webhook(SlackWebhookNotifier(name: "slack", url: url, requestTimeout: requestTimeout, httpClient: httpClient, now: now))
        } else {
            throw .permanent(reason: "the slack change handler needs webhookURL, or token and channel")
        }
    }

    public func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        switch destination {
        case .webhook(let notifier): _ = try await notifier.postChange(change, footer: clusterName, logger: context.logger)
        case .bot(let notifier, let channel): _ = try await notifier.postChange(change, channel: channel, footer: clusterName, logger: context.logger)
        }
        return .continue
    }
}
