import AsyncHTTPClient
import Foundation
import KubeJSON
import Logging
import MuninnCore

/// Posts alerts with a Slack bot token: chat.postMessage with Block Kit and a text fallback, then
/// the whole (redacted) log as a file in the message's thread. With a `threadID` the alert goes as
/// a compact reply (``SlackThreadReply``) in that thread.
///
/// If the upload fails the message has already gone out with the inline log tail, so `send`
/// succeeds and the receipt's note says why the file is missing. `send` makes one attempt; the
/// outbox retries.
///
/// ```swift
/// let slack = SlackNotifier(name: "slack-ops", configuration: SlackConfiguration(token: token, defaultChannel: "#alerts"))
/// let first = try await slack.send(alert, to: DeliveryTarget(channel: "#payments"), logger: logger)
/// // A later crash of the same container replies in the first message's thread:
/// let reply = try await slack.send(next, to: DeliveryTarget(channel: "#payments", threadID: first.threadParentID), logger: logger)
/// ```
public struct SlackNotifier: Notifier {
    public let name: String
    public let configuration: SlackConfiguration
    private let redactor: LogRedactor
    let api: SlackWebAPI
    let resolver: SlackChannelResolver
    let uploader: SlackLogUploader

    /// - Parameters:
    ///   - httpClient: shared by all requests; the default is `HTTPClient.notifiers`.
    ///   - now: the clock used to read `Retry-After` dates.
    public init(
        name: String, configuration: SlackConfiguration, redactor: LogRedactor = .standard,
        httpClient: HTTPClient = .notifiers, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.name = name
        self.configuration = configuration
        self.redactor = redactor
        let http = NotifierHTTP(client: httpClient, timeout: configuration.requestTimeout)
        api = SlackWebAPI(http: http, token: configuration.token, apiURL: configuration.apiURL, now: now)
        resolver = SlackChannelResolver(api: api)
        uploader = SlackLogUploader(api: api, http: http)
    }

    /// One message per second per channel, Slack's documented pace for chat.postMessage; the
    /// workspace-wide limit (several hundred a minute) is left to 429 answers.
    public var pacing: DeliveryPacing { DeliveryPacing(perChannel: .seconds(1)) }

    /// Codes with which Slack may refuse a `thread_ts` whose parent is gone (deleted, or never
    /// existed). Unverified against Slack; either way the alert then goes out as a new top-level message.
    static let lostThreadCodes: Set<String> = ["thread_not_found", "invalid_thread_ts", "message_not_found"]

    public func send(_ alert: Alert, to target: DeliveryTarget, logger: Logger) async throws(NotifierError) -> DeliveryReceipt {
        guard let channel = target.channel ?? configuration.defaultChannel, !channel.isEmpty else {
            throw .permanent(reason: "Slack: no channel for this alert and no default channel configured")
        }
        let channelID = try await resolver.id(for: channel, logger: logger)
        let safe = alert.redacted(with: redactor)
        let (posted, threadTS) = try await post(safe, channelID: channelID, threadTS: target.threadID.flatMap { $0.isEmpty ? nil : $0 }, logger: logger)
        let ts = posted["ts"]?.stringValue
        // A user ID opens a DM; the answer names the conversation the file must go to.
        let postedChannel = posted["channel"]?.stringValue ?? channelID
        var receipt = DeliveryReceipt(messageID: ts, channel: postedChannel, threadID: threadTS)
        guard configuration.uploadLogs, let logs = safe.logs else { return receipt }
        let content = PlainText.sanitized(logs).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !content.isEmpty else { return receipt }
        do {
            // Files of a reply go to the same thread: Slack threads hang off the parent, never a reply.
            let fileID = try await uploader.upload(
                content + "\n", filename: Self.filename(for: safe), title: Self.title(for: safe), channelID: postedChannel,
                threadTS: threadTS ?? ts, logger: logger)
            receipt.note = "log uploaded as file \(fileID)"
        } catch {
            logger.warning("Slack log upload failed; the message carries the log tail only", metadata: ["notifier": "\(name)", "error": "\(error)"])
            receipt.note = "logs inline only: upload failed (\(error))"
        }
        return receipt
    }

    /// Posts the reply under `threadTS`, or the full message when there is no parent (or Slack lost
    /// it). Returns Slack's answer and the parent actually replied under.
    private func post(_ alert: Alert, channelID: String, threadTS: String?, logger: Logger) async throws(NotifierError) -> (JSONValue, String?) {
        if let threadTS {
            let body =
                SlackMessage.templated(
                    alert, templates: configuration.templates, inlineLogLines: configuration.inlineLogLines,
                    inlineLogCharacters: configuration.inlineLogCharacters, repeated: true)?
                .replyBody(channel: channelID, threadTS: threadTS)
                ?? SlackThreadReply(alert: alert, inlineLogLines: configuration.inlineLogLines, inlineLogCharacters: configuration.inlineLogCharacters)
                .postBody(channel: channelID, threadTS: threadTS)
            let answer = try await api.call("chat.postMessage", json: body, tolerating: Self.lostThreadCodes, logger: logger)
            if answer["ok"]?.boolValue == true { return (answer, threadTS) }
            logger.notice(
                "Slack thread parent not found; posting a new message",
                metadata: ["notifier": "\(name)", "error": "\(answer["error"]?.stringValue ?? "")"])
        }
        let message =
            SlackMessage.templated(
                alert, templates: configuration.templates, inlineLogLines: configuration.inlineLogLines,
                inlineLogCharacters: configuration.inlineLogCharacters, repeated: false)
            ?? SlackMessage(alert: alert, inlineLogLines: configuration.inlineLogLines, inlineLogCharacters: configuration.inlineLogCharacters)
        return (try await api.call("chat.postMessage", json: message.postBody(channel: channelID), logger: logger), nil)
    }

    /// How many conversations.list pages were fetched (for tests and metrics).
    public var channelListings: Int { get async { await resolver.listings } }

    static func filename(for alert: Alert) -> String {
        let parts = [alert.namespace, alert.pod, alert.container ?? "pod"].map { part in
            String(part.unicodeScalars.map { scalar -> Character in
                CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || "-._".unicodeScalars.contains(scalar) ? Character(scalar) : "_"
            })
        }
        return parts.joined(separator: "_") + ".log"
    }

    static func title(for alert: Alert) -> String {
        PlainText.clipped(PlainText.singleLine("Logs of \(alert.namespace)/\(alert.pod)" + (alert.container.map { " (\($0))" } ?? "")), to: 250)
    }
}
