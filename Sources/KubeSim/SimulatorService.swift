import ServiceLifecycle

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
