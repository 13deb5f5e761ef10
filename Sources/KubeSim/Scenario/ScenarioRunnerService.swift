import Foundation
import KubeletModel
import Logging
import ServiceLifecycle

/// Plays a scenario against a running simulator: asks the engine what is due, applies the writes
/// through the simulator's store (so watchers see them like a real kubelet's), and sleeps until
/// the engine's next deadline. After the scenario's last step it waits for shutdown, because a
/// service that returns on its own would stop the whole group.
public struct ScenarioRunnerService: Service {
    private let simulator: Simulator
    private let engine: ScenarioEngine
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let logger: Logger

    public init(
        simulator: Simulator, engine: ScenarioEngine, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, logger: Logger = Logger(label: "kubesim.scenario")
    ) {
        self.simulator = simulator
        self.engine = engine
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        let (initial, simulator, logger) = (engine, self.simulator, self.logger)
        do {
            try await cancelWhenGracefulShutdown { [clock, now] in
                var engine = initial
                while true {
                    let writes = engine.advance(to: now())
                    if !writes.isEmpty {
                        do {
                            try simulator.apply(writes)
                        } catch {
                            // A rejected write is a bug in the scenario model, not a reason to stop the cluster.
                            logger.error("scenario write rejected", metadata: ["error": "\(error)"])
                        }
                    }
                    guard let deadline = engine.nextDeadline else { break }
                    let delay = max(0.01, deadline.timeIntervalSince(now()))
                    try await clock.sleep(for: .milliseconds(Int64(delay * 1000)))
                }
                logger.debug("scenario finished; the cluster stays as it is")
                try await gracefulShutdown()
            }
        } catch is CancellationError {
            return
        }
    }
}
