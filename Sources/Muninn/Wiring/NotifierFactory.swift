import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnNotifiers

/// Builds the notifiers for the configured destinations, keyed by destination name (the name
/// routing puts in each `DeliveryLane`).
///
/// ```swift
/// let notifiers = try NotifierFactory(httpClient: .notifiers).notifiers(for: configuration.destinations)
/// let slack = notifiers["slack"]
/// ```
struct NotifierFactory {
    var httpClient: HTTPClient
    var redactor: LogRedactor = .standard
    var now: @Sendable () -> Date = { Date() }
    /// Where console destinations write their lines (stdout by default; a collector in tests).
    var consoleWrite: @Sendable (String) -> Void = { print($0) }

    /// - Throws: ``ConfigurationError`` naming the destination whose settings a notifier rejects.
    func notifiers(for destinations: [DestinationConfiguration]) throws -> [String: any Notifier] {
        var notifiers: [String: any Notifier] = [:]
        for destination in destinations {
            guard notifiers[destination.name] == nil else {
                throw ConfigurationError(file: "configuration", line: nil, key: "destinations.\(destination.name)", message: "duplicate destination name")
            }
            notifiers[destination.name] = try notifier(for: destination)
        }
        return notifiers
    }

    func notifier(for destination: DestinationConfiguration) throws -> any Notifier {
        let name = destination.name
        switch destination.settings {
        case .slack(let settings):
            var configuration = SlackConfiguration(
                token: settings.token.value, apiURL: settings.apiURL, defaultChannel: settings.defaultChannel,
                requestTimeout: settings.requestTimeout, uploadLogs: settings.uploadLogs, inlineLogLines: settings.inlineLogLines,
                inlineLogCharacters: settings.inlineLogCharacters)
            configuration.templates = destination.templates
            return SlackNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .slackWebhook(let settings):
            return SlackWebhookNotifier(
                name: name, url: settings.url.value, redactor: redactor, requestTimeout: settings.requestTimeout,
                inlineLogLines: settings.inlineLogLines, inlineLogCharacters: settings.inlineLogCharacters, httpClient: httpClient, now: now,
                templates: destination.templates, tls: settings.tls.options)
        case .dingtalk(let settings):
            var configuration = DingTalkConfiguration(
                token: settings.token.value, secret: settings.secret?.value, apiURL: settings.apiURL, atMobiles: settings.atMobiles,
                atUserIDs: settings.atUserIDs, isAtAll: settings.isAtAll, keyword: settings.keyword, requestTimeout: settings.requestTimeout,
                logLines: settings.logLines, maximumBodyBytes: settings.maximumBodyBytes)
            configuration.templates = destination.templates
            do {
                return try DingTalkNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
            } catch {
                throw ConfigurationError(file: "configuration", line: nil, key: "destinations.\(name).token", message: error.description)
            }
        case .webhook(let settings):
            let configuration = WebhookConfiguration(
                url: settings.url.value, secret: settings.secret?.value, headers: settings.headers.map { (name: $0.name, value: $0.value) },
                requestTimeout: settings.requestTimeout, maximumLogBytes: settings.maximumLogBytes, tls: settings.tls.options)
            return WebhookNotifier(name: name, configuration: configuration, redactor: redactor, httpClient: httpClient, now: now)
        case .console(let format):
            return ConsoleNotifier(name: name, format: format, redactor: redactor, write: consoleWrite)
        case .chat(let chat):
            return try chat.notifier(name: name, redactor: redactor, httpClient: httpClient, now: now, templates: destination.templates)
        case .elasticsearch(let settings):
            return try exportNotifier(name) {
                try ElasticsearchNotifier(name: name, configuration: settings.configuration, redactor: redactor, httpClient: httpClient, now: now)
            }
        case .loki(let settings):
            return try exportNotifier(name) {
                try LokiNotifier(name: name, configuration: settings.configuration, redactor: redactor, httpClient: httpClient, now: now)
            }
        }
    }
}
