import ServiceLifecycle

/// Returns after `duration`; registered with `.gracefullyShutdownGroup`, it ends a timed run
/// (`muninn demo --duration`) the same way SIGTERM would.
struct StopAfterService: Service {
    var duration: Duration
    var clock: any Clock<Duration> = ContinuousClock()

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [duration, clock] in try await clock.sleep(for: duration) }
        } catch is CancellationError {
            return
        }
    }
}
