import Foundation
import Logging
import MuninnCore

/// What `muninn test-notify` does once the configuration is resolved: picks the destinations and channels,
/// sends the sample alert straight through each notifier (no outbox, no store, no cluster) and reports one line
/// per destination.
///
/// ```swift
/// let test = TestNotification(configuration: configuration, destinationNames: ["slack-ops"], channel: "#alerts")
/// let targets = try test.targets()
/// let allSent = await test.send(alert, to: targets, notifiers: try assembly.notifiers(), logger: logger, output: print)
/// ```
struct TestNotification {
    var configuration: MuninnConfiguration
    /// `--destination` values; empty means every configured destination.
    var destinationNames: [String] = []
    /// `--channel`: overrides the default channel of channel-capable destinations.
    var channel: String?

    /// The destinations to try, in the order asked (or the configuration's order), each with its channel.
    /// - Throws: ``TestNotifyError`` for an unknown name or a channel given to a destination without channels.
    func targets() throws(TestNotifyError) -> [TestNotifyTarget] {
        let configured = configuration.destinations
        var chosen: [DestinationConfiguration] = []
        if destinationNames.isEmpty {
            chosen = configured
        } else {
            for name in destinationNames where !chosen.contains(where: { $0.name == name }) {
                guard let destination = configured.first(where: { $0.name == name }) else {
                    throw TestNotifyError(message: "unknown destination '\(name)' (configured: \(Self.list(configured)))")
                }
                chosen.append(destination)
            }
        }
        if let channel {
            guard !channel.isEmpty else { throw TestNotifyError(message: "--channel must not be empty") }
            let refusing = chosen.filter { !$0.acceptsChannel }
            if !refusing.isEmpty {
                let capable = configured.filter(\.acceptsChannel)
                let choose = capable.isEmpty ? "no configured destination has channels" : "choose one with --destination: \(Self.list(capable))"
                throw TestNotifyError(
                    message: "--channel \(channel): \(Self.list(refusing)) \(refusing.count == 1 ? "has" : "have") no channels "
                        + "(only a Slack bot can post to a channel of Muninn's choosing; \(choose))")
            }
        }
        return chosen.map(target(for:))
    }

    private func target(for destination: DestinationConfiguration) -> TestNotifyTarget {
        guard case .slack(let slack) = destination.settings else { return TestNotifyTarget(destination: destination.name) }
        if let channel = channel ?? slack.defaultChannel { return TestNotifyTarget(destination: destination.name, channel: channel) }
        let routed = routedChannels(of: destination.name)
        let example = routed.isEmpty ? "" : " (its routes use \(routed.prefix(3).joined(separator: ", ")))"
        return TestNotifyTarget(
            destination: destination.name, problem: "no defaultChannel configured: name one with --channel\(example)")
    }

    /// The channels routing sends to for `destination`, in configuration order, to suggest one.
    private func routedChannels(of destination: String) -> [String] {
        let routing = configuration.routing
        var channels = routing.rules.flatMap(\.destinations).filter { $0.destination == destination }.compactMap(\.channel)
        if let table = routing.containerRoutes, table.destination == destination {
            channels += table.routes.routes.map(\.channel).filter { !$0.isEmpty }
        }
        var seen: Set<String> = []
        return channels.filter { seen.insert($0).inserted }
    }

    /// Sends `alert` to each target one after the other and writes its line as soon as it is known.
    /// - Returns: whether every send succeeded.
    func send(
        _ alert: Alert, to targets: [TestNotifyTarget], notifiers: [String: any Notifier], logger: Logger, output: (String) -> Void
    ) async -> Bool {
        let scrubber = SecretScrubber(destinations: configuration.destinations)
        var allSent = true
        for target in targets {
            let line: TestNotifyLine
            if let problem = target.problem {
                line = .failed(target, reason: problem)
            } else if let notifier = notifiers[target.destination] {
                do {
                    let receipt = try await notifier.send(alert, to: DeliveryTarget(channel: target.channel), logger: logger)
                    line = .sent(target, receipt: receipt)
                } catch {
                    line = .failed(target, error: error)
                }
            } else {
                line = .failed(target, reason: "no notifier was built for it")
            }
            if !line.succeeded { allSent = false }
            output(scrubber.scrub(line.text))
        }
        return allSent
    }

    private static func list(_ destinations: [DestinationConfiguration]) -> String {
        destinations.map(\.name).joined(separator: ", ")
    }
}
