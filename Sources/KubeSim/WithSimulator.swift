import ServiceLifecycle

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
