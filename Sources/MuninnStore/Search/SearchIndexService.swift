import Logging
import ServiceLifecycle

/// Keeps the SQLite store's full-text index close behind the incidents: every `interval` on the injected clock it
/// indexes what was stored or changed since, a batch per transaction, up to the oldest incident still being enriched
/// (those are about to change). Alerts commit without touching the index
/// (migration 4), and a search brings the index up to date itself, so this only keeps searches from having much to
/// do. A failed catch-up is logged and tried again next time; it never stops Muninn.
public struct SearchIndexService: Service {
    private let store: SQLiteStore
    private let interval: Duration
    private let clock: any Clock<Duration>
    private let logger: Logger

    public init(
        store: SQLiteStore, interval: Duration = .seconds(2), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "muninn.search-index")
    ) {
        self.store = store
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                // Cancelled or shutting down; what is not indexed yet is still pending in the store.
                return
            }
            await catchUpOnce()
        }
    }

    /// One catch-up, logged; returns how many incidents it indexed (nil when the store failed).
    @discardableResult
    public func catchUpOnce() async -> Int? {
        do {
            let indexed = try await store.catchUpSearchIndex(settledOnly: true)
            if indexed > 0 { logger.debug("search index caught up", metadata: ["incidents": "\(indexed)"]) }
            return indexed
        } catch {
            logger.error("updating the search index failed; trying again later", metadata: ["error": "\(error)"])
            return nil
        }
    }
}
