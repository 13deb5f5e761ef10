import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

extension Simulator {
    /// Binds the configured address and serves until cancelled or gracefully shut down.
    /// `onRunning` is called once the port is bound (after `baseURL` is valid).
    func serve(onRunning: @escaping @Sendable (Simulator) async -> Void) async throws {
        let server: HTTPServerBuilder
        if let tlsMaterial {
            let tls = try tlsMaterial.serverConfiguration(requestClientCertificates: configuration.auth == .clientCertificate)
            server = try .tls(.http1(), tlsConfiguration: tls)
        } else {
            server = .http1()
        }
        let application = Application(
            responder: APIResponder(simulator: self),
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { [self] channel in
                markRunning(host: configuration.host, port: channel.localAddress?.port ?? configuration.port)
                await onRunning(self)
            },
            logger: configuration.logger)
        try await withGracefulShutdownHandler {
            try await application.run()
        } onGracefulShutdown: { [self] in
            // Long-lived responses would otherwise keep the server from finishing its shutdown.
            endAllStreams()
        }
    }
}
