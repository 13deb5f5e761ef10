import MuninnTesting
import Testing

@testable import Muninn

/// The release runs a fixed time after a sync, once for syncs close together, and not at all without a sync.
@Suite struct StartupPageReleaseServiceTests {
    @Test(.timeLimit(.minutes(1))) func releasesTheDelayAfterEachSync() async throws {
        let clock = ManualClock()
        let (releases, released) = AsyncStream.makeStream(of: Void.self)
        let (syncs, signal) = StartupPageReleaseService.syncSignal()
        let service = StartupPageReleaseService(syncs: syncs, delay: .seconds(30), clock: clock, release: { released.yield() })
        var releaseCount = releases.makeAsyncIterator()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            signal()
            await clock.waitForSleeper(dueIn: .seconds(30))
            clock.advance(by: .seconds(29))
            // Two syncs while the first release is pending: one more release after it, not two.
            signal()
            signal()
            clock.advance(by: .seconds(1))
            await releaseCount.next()
            await clock.waitForSleeper(dueIn: .seconds(30))
            clock.advance(by: .seconds(30))
            await releaseCount.next()
            group.cancelAll()
        }
        released.finish()
        #expect(await releaseCount.next() == nil)
    }

    @Test(.timeLimit(.minutes(1))) func endsWithoutReleasingWhenItsSyncsEnd() async throws {
        let (releases, released) = AsyncStream.makeStream(of: Void.self)
        let (syncs, continuation) = AsyncStream.makeStream(of: Void.self)
        continuation.finish()
        try await StartupPageReleaseService(syncs: syncs, clock: ManualClock(), release: { released.yield() }).run()
        released.finish()
        var iterator = releases.makeAsyncIterator()
        #expect(await iterator.next() == nil)
    }
}
