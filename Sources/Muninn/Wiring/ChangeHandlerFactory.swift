import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnNotifiers

/// Builds the change chain from its configured specs (``ChangeHandlerSpec``), in order; `destination NAME` handlers
/// use the notifiers built for `destinations:`.
///
/// ```swift
/// let chain = try ChangeHandlerFactory(notifiers: notifiers).chain(for: [.diff(extraIgnoredPaths: []), .log, .destination(name: "ops")])
/// ```
struct ChangeHandlerFactory {
    var notifiers: [String: any Notifier]
    var httpClient: HTTPClient = .notifiers
    /// The Slack Web API of `slack` handlers with a bot token (a fake in tests).
    var slackAPIURL = "https://slack.com/api"
    var clock: any Clock<Duration> = ContinuousClock()
    var now: @Sendable () -> Date = { Date() }

    /// - Throws: ``ConfigurationError`` naming the handler (`changes.chain[2]`) that cannot be built.
    func chain(for specs: [ChangeHandlerSpec]) throws -> ChangeChain {
        var handlers: [any ChangeHandler] = []
        for (index, spec) in specs.enumerated() {
            handlers.append(try handler(for: spec, key: "changes.chain[\(index)]"))
        }
        return ChangeChain(handlers)
    }

    func handler(for spec: ChangeHandlerSpec, key: String) throws -> any ChangeHandler {
        switch spec {
        case .diff(let extraIgnoredPaths):
            return DiffChangeHandler(extraIgnoredPaths: extraIgnoredPaths)
        case .log:
            return LogChangeHandler()
        case .ignoreEvents(let actions):
            return IgnoreEventsChangeHandler(actions)
        case .slack(let target):
            do {
                return try SlackChangeHandler(target: target, apiURL: slackAPIURL, httpClient: httpClient, now: now)
            } catch {
                let reason = switch error {
                case .permanent(let reason), .retryable(let reason, _): reason
                }
                throw ConfigurationError(file: "configuration", line: nil, key: key, message: reason)
            }
        case .webhook(let url, let secret):
            guard !url.isEmpty else { throw ConfigurationError(file: "configuration", line: nil, key: key, message: "the webhook handler needs a url") }
            let notifier = WebhookNotifier(name: "webhook", configuration: WebhookConfiguration(url: url, secret: secret), httpClient: httpClient, now: now)
            return DestinationChangeHandler(notifier: notifier)
        case .exec(let command, let timeoutSeconds):
            guard let program = command.first, !program.isEmpty else {
                throw ConfigurationError(file: "configuration", line: nil, key: key, message: "the exec handler needs a command")
            }
            guard timeoutSeconds > 0 else {
                throw ConfigurationError(file: "configuration", line: nil, key: key, message: "the exec handler's timeout must be positive")
            }
            return ExecChangeHandler(command: command, timeout: .seconds(timeoutSeconds), clock: clock)
        case .destination(let name):
            guard let notifier = notifiers[name] else {
                let known = notifiers.keys.sorted().joined(separator: ", ")
                throw ConfigurationError(file: "configuration", line: nil, key: key, message: "unknown destination \(name) (configured: \(known))")
            }
            return DestinationChangeHandler(notifier: notifier)
        }
    }
}
