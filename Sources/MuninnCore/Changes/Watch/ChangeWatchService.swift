import Foundation
import KubeAPI
import Logging
import ServiceLifecycle

/// Follows the configured resources and runs every change of their manifests through the handler chain
/// (kwatchman's model, without its losses): one reflector per resource and namespace over raw JSON objects, each
/// change diffed against the object's stored baseline, the chain retried with backoff, and the change recorded with
/// the new baseline in one store call once the chain has finished with it.
///
/// - Start-up reports what changed while Muninn was not running, once (see ``ChangeScopeWatcher``); the very first
///   run of a resource takes its objects as silent baselines.
/// - Every change with a non-empty diff that the chain finished with is stored (the timeline), including changes an
///   `ignoreEvents` or `diff` handler stopped: the chain decides what is sent, not what happened.
/// - A chain that fails `attempts` times is given up: logged, counted (`muninn_changes_total{outcome="given_up"}`),
///   and not recorded; the baseline stays, so the next change of the object, or the next start, reports it again.
/// - A failing store pauses the scope with backoff; nothing is dropped.
/// - A graceful shutdown stops reading at once but lets a change already in the chain finish and be recorded, for
///   at most ``Settings/drainTimeout``; a change cut off then is named in the log and reported again at the next
///   start (its id keeps the stored copy unique, but a destination may get it twice).
///
/// ```swift
/// let service = ChangeWatchService(
///     watches: [ResolvedWatch(resource: .deployments, kind: "Deployment")], chain: ChangeChain([DiffChangeHandler(), LogChangeHandler()]),
///     differ: differ, store: store, events: .reflectors(client), settings: .init(cluster: "prod"))
/// try await ServiceGroup(services: [service], logger: logger).run()
/// ```
public struct ChangeWatchService: Service {
    public struct Settings: Sendable {
        public var cluster: String
        /// Runs of the chain per change before it is given up (``ChangeWatchSettings/attempts``).
        public var attempts: Int
        public var chainRetry: RetryPolicy
        public var storeRetry: RetryPolicy
        /// How long a graceful shutdown waits for changes in the chain (``ChangeWatchSettings/drainTimeoutSeconds``).
        public var drainTimeout: Duration

        public init(
            cluster: String, attempts: Int = 4, chainRetry: RetryPolicy = RetryPolicy(initial: .seconds(1), maximum: .seconds(60)),
            storeRetry: RetryPolicy = RetryPolicy(initial: .milliseconds(500), maximum: .seconds(30)), drainTimeout: Duration = .seconds(10)
        ) {
            self.cluster = cluster
            self.attempts = attempts
            self.chainRetry = chainRetry
            self.storeRetry = storeRetry
            self.drainTimeout = drainTimeout
        }
    }

    private let watches: [ResolvedWatch]
    private let chain: ChangeChain
    private let differ: any ManifestDiffing
    private let store: any ChangeStore
    private let events: ChangeEventSource
    private let settings: Settings
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let metrics: ChangeWatchMetrics
    private let logger: Logger
    private let onSynced: (@Sendable (ResolvedWatch, String?) -> Void)?

    /// - Parameter onSynced: called when a scope (a resource in one namespace, or in all) has compared its initial
    ///   list with the stored baselines; later events are news.
    public init(
        watches: [ResolvedWatch], chain: ChangeChain, differ: any ManifestDiffing, store: any ChangeStore, events: ChangeEventSource,
        settings: Settings, clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        metrics: ChangeWatchMetrics = ChangeWatchMetrics(), logger: Logger = Logger(label: "muninn.changes"),
        onSynced: (@Sendable (ResolvedWatch, String?) -> Void)? = nil
    ) {
        self.watches = watches
        self.chain = chain
        self.differ = differ
        self.store = store
        self.events = events
        self.settings = settings
        self.clock = clock
        self.now = now
        self.metrics = metrics
        self.logger = logger
        self.onSynced = onSynced
    }

    public func run() async throws {
        let inFlight = ChangesInFlight()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Each scope stops reading at a graceful shutdown and ends once the change in its hands is recorded.
                group.addTask { try await runScopes(inFlight: inFlight) }
                group.addTask { try await cutOffAfterDrainTimeout(inFlight: inFlight) }
                // Whichever ends first (the scopes drained, or the drain timed out) ends the other.
                _ = try await group.next()
                group.cancelAll()
            }
        } catch is CancellationError {
            // Cancelled, not shut down gracefully: a change in the chain was not recorded, so the next start reports
            // it again (same id, stored once).
        }
    }

    /// Waits for a graceful shutdown, then for the drain timeout, and names the changes it is about to cut off.
    private func cutOffAfterDrainTimeout(inFlight: ChangesInFlight) async throws {
        try await gracefulShutdown()
        let pending = inFlight.current
        if !pending.isEmpty {
            logger.info(
                "shutting down: finishing the changes in the chain first",
                metadata: ["changes": "\(pending.map(\.id))", "drainTimeout": "\(settings.drainTimeout)"])
        }
        try await clock.sleep(for: settings.drainTimeout)
        for change in inFlight.current {
            var metadata = ChangeChainRetry.metadata(change)
            metadata["drainTimeout"] = "\(settings.drainTimeout)"
            logger.warning(
                "shutdown drain timed out: this change's chain is cut off and not recorded; it will be reported again at the next start",
                metadata: metadata)
        }
    }

    private func runScopes(inFlight: ChangesInFlight) async throws {
        let dependencies = ChangeScopeWatcher.Dependencies(
            cluster: settings.cluster,
            chain: ChangeChainRetry(chain: chain, attempts: settings.attempts, policy: settings.chainRetry, clock: clock, metrics: metrics, logger: logger),
            differ: differ, store: store, storeRetry: settings.storeRetry, clock: clock, now: now, metrics: metrics, logger: logger,
            inFlight: inFlight)
        try await withThrowingDiscardingTaskGroup { group in
            for watch in watches {
                for namespace in watch.scopes {
                    let events = self.events.events(watch, namespace)
                    let onSynced = self.onSynced.map { callback in { @Sendable in callback(watch, namespace) } }
                    group.addTask {
                        var watcher = ChangeScopeWatcher(watch: watch, namespace: namespace, dependencies: dependencies, onSynced: onSynced)
                        try await watcher.run(events)
                    }
                }
            }
        }
    }
}
