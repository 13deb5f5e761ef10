import ArgumentParser
import AsyncHTTPClient
import Foundation
import Logging
import MuninnCore
import MuninnNotifiers

/// `muninn test-notify`: sends one sample alert to the configured destinations, to try tokens, URLs, channels
/// and message layout without a cluster or a crash.
struct TestNotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test-notify",
        abstract: "Send a sample alert to the configured destinations and report how each delivery went.",
        discussion: """
            Reads the configuration exactly as `muninn run` does (--config, MUNINN_* variables, the replaced \
            tools' variables such as SLACK_TOKEN or DINGTALK_TOKEN; a mistake exits 1 with the same message), \
            then sends one sample alert, clearly labelled TEST (namespace muninn-test, a [TEST] message and \
            log line), straight to each destination: no store, no outbox, no retries and no cluster are \
            involved. By default it is an OOMKilled crash (exit 137) with a short log and two Events; --kind \
            previews the other message types.

            Every configured destination is tried unless --destination names some. A Slack bot destination \
            posts to its defaultChannel, or to --channel (required when it has none); giving --channel for a destination without channels \
            (Slack incoming webhook, DingTalk, webhook, console) is an error. DingTalk mentions (atMobiles, \
            isAtAll) are sent as configured.

            Prints one line per destination, `ok  <name>  [<channel>]  message <id>` or \
            `FAIL  <name>  [<channel>]  <reason> (<hint>)`, and exits 0 only when every delivery succeeded. \
            Secrets never appear in the output.
            """
    )

    @OptionGroup var options: GlobalOptions

    @Option(
        name: .customLong("destination"),
        help: ArgumentHelp("Send only to this destination (repeat for several; default: every configured one).", valueName: "name"))
    var destinations: [String] = []

    @Option(help: ArgumentHelp("Post to this channel instead of the default (Slack bot destinations only).", valueName: "channel"))
    var channel: String?

    @Option(help: ArgumentHelp("The message type to preview: \(Self.kindList).", valueName: "kind"))
    var kind = Alert.Kind.crashed.rawValue

    private static var kindList: String { Alert.Kind.allCases.map(\.rawValue).joined(separator: ", ") }

    private var alertKind: Alert.Kind? {
        Alert.Kind.allCases.first { $0.rawValue.lowercased() == kind.lowercased() }
    }

    func validate() throws {
        guard alertKind != nil else { throw ValidationError("--kind: unknown kind '\(kind)' (allowed: \(Self.kindList))") }
    }

    func run() async throws {
        let allSent: Bool
        do {
            allSent = try await send(environment: ProcessInfo.processInfo.environment, output: StandardOutput.writeLine)
        } catch let error as ConfigurationError {
            throw CommandSupport.fail("\(error)")
        } catch let error as TestNotifyError {
            throw CommandSupport.fail("\(error)")
        }
        if !allSent { throw ExitCode.failure }
    }

    /// The command with its surroundings injected (tests): resolves the configuration from `environment`, sends
    /// the sample and writes the result lines (and console destinations' output) to `output`.
    /// - Returns: whether every delivery succeeded.
    /// - Throws: ``ConfigurationError`` or ``TestNotifyError`` before anything is sent.
    func send(
        environment: [String: String], output: @escaping @Sendable (String) -> Void, httpClient: HTTPClient = .notifiers,
        now: Date = Date(), alertID: String = "muninn-test-notify-\(UUID().uuidString.lowercased())"
    ) async throws -> Bool {
        let configuration = try options.resolve(environment: environment)
        let test = TestNotification(configuration: configuration, destinationNames: destinations, channel: channel)
        let targets = try test.targets()
        let notifiers = try PipelineAssembly(configuration: configuration, httpClient: httpClient, consoleWrite: output).notifiers()
        let alert = SampleAlert.make(kind: alertKind ?? .crashed, cluster: configuration.clusterName, id: alertID, now: now)
        return await test.send(alert, to: targets, notifiers: notifiers, logger: Self.logger(for: configuration), output: output)
    }

    /// Diagnostics at the configured level and format, without claiming the process-wide logging bootstrap.
    private static func logger(for configuration: MuninnConfiguration) -> Logger {
        let level = configuration.logLevel
        let format = configuration.logFormat.resolved()
        return Logger(label: "muninn.test-notify") { label in
            var handler: any LogHandler =
                switch format {
                case .text, .auto: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler(label: label)
                }
            handler.logLevel = level
            return handler
        }
    }
}
