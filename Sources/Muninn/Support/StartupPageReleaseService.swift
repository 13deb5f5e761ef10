import ServiceLifecycle

/// Releases the clean code pages that start-up touched (`StartupPageRelease`) a while after each signal: `muninn run`
/// signals once at start (a standby replica never lists) and each time the pod list comes in sync. By then the list
/// has been decoded and the detector's first memory written, and what is touched again from there on is what the
/// daemon needs while it watches.
struct StartupPageReleaseService: Service {
    /// One element at start and each time the pod list is in sync (the initial list and any relist).
    var syncs: AsyncStream<Void>
    /// How long after a sync: the work a sync sets off (the detector's memory written, the first deliveries read)
    /// is start-up too.
    var delay: Duration = .seconds(30)
    var clock: any Clock<Duration> = ContinuousClock()
    var release: @Sendable () -> Void = { StartupPageRelease.release() }

    /// A stream for `syncs` and the pod-event hook that feeds it, to chain in front of another hook.
    static func syncSignal() -> (syncs: AsyncStream<Void>, signal: @Sendable () -> Void) {
        // Syncs close together need one release: keeping only the newest never queues more than one.
        let (syncs, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        return (syncs, { continuation.yield() })
    }

    func run() async throws {
        for await _ in syncs.cancelOnGracefulShutdown() {
            do {
                try await cancelWhenGracefulShutdown { [delay, clock] in try await clock.sleep(for: delay) }
            } catch {
                return  // shutting down: nothing left to release for
            }
            release()
        }
    }
}
