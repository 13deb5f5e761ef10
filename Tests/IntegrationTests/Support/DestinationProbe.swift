import Foundation
import Logging
import MuninnCore
import Testing

@testable import Muninn

/// Sends one alert to every destination of a configuration through the notifiers `muninn run` would build, side by
/// side (a refused TLS handshake is retried until the request's deadline before it is reported), and returns each
/// destination's failure, nil where the send went through.
enum DestinationProbe {
    static func sendToEach(_ alert: Alert, configuration: MuninnConfiguration) async throws -> [String: NotifierError?] {
        let notifiers = try PipelineAssembly(configuration: configuration, consoleWrite: { _ in }).notifiers()
        var logger = Logger(label: "tls-test")
        logger.logLevel = .critical
        return try await withThrowingTaskGroup(of: (String, NotifierError?).self) { [logger] group in
            for destination in configuration.destinations {
                let notifier = try #require(notifiers[destination.name])
                group.addTask {
                    do throws(NotifierError) {
                        _ = try await notifier.send(alert, to: DeliveryTarget(channel: "#alerts"), logger: logger)
                        return (destination.name, nil)
                    } catch {
                        return (destination.name, error)
                    }
                }
            }
            return try await group.reduce(into: [String: NotifierError?]()) { $0[$1.0] = $1.1 }
        }
    }
}
