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

/// Runs a simulator as a `Service` (for `muninn sim`, `muninn demo`): serves until the
/// service group shuts down.
public struct SimulatorService: Service {
    public let simulator: Simulator
    private let onRunning: @Sendable (Simulator) async -> Void

    /// - Parameter onRunning: called once the port is bound, e.g. to write a kubeconfig.
    public init(simulator: Simulator, onRunning: @escaping @Sendable (Simulator) async -> Void = { _ in }) {
        self.simulator = simulator
        self.onRunning = onRunning
    }

    public func run() async throws {
        try await simulator.serve(onRunning: onRunning)
    }
}

/// Starts a simulator on `configuration` (by default 127.0.0.1 with a free port), runs `body`
/// with it once it is listening, then shuts it down, whether `body` returned or threw.
public func withSimulator<Result: Sendable>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(),
    _ body: (Simulator) async throws -> Result
) async throws -> Result {
    let simulator = try Simulator(configuration: configuration)
    let (running, runningContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    let service = SimulatorService(simulator: simulator) { _ in
        runningContinuation.yield()
        runningContinuation.finish()
    }
    let group = ServiceGroup(configuration: .init(services: [service], logger: configuration.logger))
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { runningContinuation.finish() }
            try await group.run()
        }
        var iterator = running.makeAsyncIterator()
        guard await iterator.next() != nil else {
            // The server stopped before listening: surface its error.
            try await tasks.waitForAll()
            throw SimulatorError(code: 500, reason: "InternalError", message: "the simulator stopped before it was listening")
        }
        do {
            let result = try await body(simulator)
            simulator.endAllStreams()
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
            return result
        } catch {
            simulator.endAllStreams()
            await group.triggerGracefulShutdown()
            try? await tasks.waitForAll()
            throw error
        }
    }
}
