import Foundation
import Logging

/// One candidate in a leader election on a Lease, with client-go's semantics
/// (tools/leaderelection: `tryAcquireOrRenew`, local-clock expiry, 409 on a lost race, release on shutdown).
///
/// ```swift
/// let elector = LeaderElector(config: config, lock: KubeLeaseLock(client: client, namespace: "muninn", name: "muninn"),
///                             clock: ContinuousClock(), now: { Date() }, logger: logger)
/// while true {
///     try await elector.acquire()                      // returns once this replica holds the lease
///     switch try await elector.lead({ try await work() }) {
///     case .lost: continue                              // work was cancelled; campaign again
///     case .workFinished: await elector.release(); return
///     }
/// }
/// ```
///
/// Expiry of another holder's lease is judged by this candidate's own clock: the lease is free once
/// `leaseDurationSeconds` have passed since this candidate last saw the record *change*, whatever its
/// `renewTime` says, so clocks need not agree between replicas.
public actor LeaderElector {
    public nonisolated let config: LeaderElectionConfig
    private let lock: any LeaseLock
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let random: @Sendable () -> Double
    private let logger: Logger

    /// The lease as last read or written, and when (local time) its record last changed.
    private var observed: Lease?
    private var observedChangedAt: Date?
    /// Whether this candidate holds the lease as far as it knows.
    public private(set) var isLeader = false

    public init(
        config: LeaderElectionConfig, lock: any LeaseLock, clock: any Clock<Duration>, now: @escaping @Sendable () -> Date,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }, logger: Logger
    ) {
        self.config = config
        self.lock = lock
        self.clock = clock
        self.now = now
        self.random = random
        var logger = logger
        logger[metadataKey: "lease"] = "\(config.namespace)/\(config.leaseName)"
        logger[metadataKey: "identity"] = "\(config.identity)"
        self.logger = logger
    }

    /// Campaigns until this candidate holds the lease, trying every retry period (jittered by up to 1.2x, like
    /// client-go, so candidates do not move in step). Cancellation ends the campaign with `CancellationError`.
    public func acquire() async throws {
        logger.info("campaigning for leadership")
        while true {
            try Task.checkCancellation()
            if await attempt(within: config.renewDeadline) {
                logger.info("became leader")
                return
            }
            try await clock.sleep(for: config.retryPeriod * (1 + random() * 1.2), tolerance: nil)
        }
    }

    /// Runs `work` while renewing the lease every retry period. When the lease cannot be renewed within the renew
    /// deadline, or another candidate holds it, `work` is cancelled at once and this returns `.lost`.
    /// An error thrown by `work` is rethrown after renewing stops.
    public func lead(_ work: @escaping @Sendable () async throws -> Void) async throws -> LeadershipOutcome {
        enum Finish: Sendable {
            case work(Result<Void, any Error>)
            case lost
            case renewalStopped
        }
        let finish = await withTaskGroup(of: Finish.self) { group in
            group.addTask {
                do {
                    try await work()
                    return .work(.success(()))
                } catch {
                    return .work(.failure(error))
                }
            }
            group.addTask {
                (try? await self.renewUntilLost()) == true ? .lost : .renewalStopped
            }
            let first = await group.next() ?? .renewalStopped
            group.cancelAll()
            return first
        }
        switch finish {
        case .lost:
            logger.warning("lost leadership: stopped leading work")
            return .lost
        case .work(.success), .renewalStopped:
            return .workFinished
        case .work(.failure(let error)):
            throw error
        }
    }

    /// Hands the lease over at once (holder emptied, duration 1 s) when this candidate holds it and the
    /// configuration asks for it. Best effort: a failure only means the others wait for the lease to expire.
    public func release() async {
        guard isLeader, config.releaseOnShutdown else {
            isLeader = false
            return
        }
        isLeader = false
        for _ in 0..<3 {
            guard var lease = observed, lease.spec.holderIdentity == config.identity else { return }
            let time = now()
            lease.spec.holderIdentity = ""
            lease.spec.leaseDurationSeconds = 1
            lease.spec.acquireTime = MicroTime(time)
            lease.spec.renewTime = MicroTime(time)
            do {
                observe(try await lock.update(lease), at: time)
                logger.info("released the lease")
                return
            } catch KubeAPIError.conflict {
                guard let fresh = try? await lock.get() else { return }
                observe(fresh, at: time)
            } catch {
                logger.warning("could not release the lease; the others take over when it expires", metadata: ["error": "\(error)"])
                return
            }
        }
    }

    /// Returns true when leadership is lost; throws `CancellationError` when the work ended first.
    private func renewUntilLost() async throws -> Bool {
        var lastRenewal = now()
        while true {
            try await clock.sleep(for: config.retryPeriod, tolerance: nil)
            let elapsed = Duration.seconds(now().timeIntervalSince(lastRenewal))
            let remaining = config.renewDeadline - elapsed
            if remaining > .zero, await attempt(within: remaining) {
                lastRenewal = now()
                continue
            }
            try Task.checkCancellation()
            if heldByAnother || Duration.seconds(now().timeIntervalSince(lastRenewal)) >= config.renewDeadline {
                isLeader = false
                return true
            }
        }
    }

    private var heldByAnother: Bool {
        guard let holder = observed?.spec.holderIdentity else { return false }
        return !holder.isEmpty && holder != config.identity
    }

    /// One `tryAcquireOrRenew`, abandoned (false) when it takes longer than `limit` (a hung connection must not
    /// keep a leader that can no longer renew).
    private func attempt(within limit: Duration) async -> Bool {
        await withTaskGroup(of: Bool?.self) { group in
            group.addTask { await self.tryAcquireOrRenew() }
            group.addTask { [clock] in
                try? await clock.sleep(for: limit, tolerance: nil)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? false
        }
    }

    private func tryAcquireOrRenew() async -> Bool {
        let time = now()
        if isLeader, let lease = observed {
            // Leader fast path: renew what we last wrote, without reading first.
            if let renewed = try? await lock.update(claim(lease, at: time)) {
                observe(renewed, at: time)
                return true
            }
        }
        let current: Lease?
        do {
            current = try await lock.get()
        } catch {
            logger.debug("reading the lease failed", metadata: ["error": "\(error)"])
            return false
        }
        guard let current else {
            return await create(at: time)
        }
        if observed?.spec != current.spec || observedChangedAt == nil {
            observedChangedAt = time
        }
        observed = current
        if heldByAnother, let changedAt = observedChangedAt {
            let duration = TimeInterval(current.spec.leaseDurationSeconds ?? Int(config.leaseDuration.components.seconds))
            if changedAt.addingTimeInterval(duration) > time {
                isLeader = false
                return false
            }
        }
        do {
            observe(try await lock.update(claim(current, at: time)), at: time)
            isLeader = true
            return true
        } catch {
            // 409: another candidate wrote first and wins this round.
            logger.debug("claiming the lease failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    private func create(at time: Date) async -> Bool {
        let lease = Lease(
            metadata: ObjectMeta(name: config.leaseName, namespace: config.namespace),
            spec: Lease.Spec(
                holderIdentity: config.identity, leaseDurationSeconds: leaseDurationSeconds, acquireTime: MicroTime(time),
                renewTime: MicroTime(time), leaseTransitions: 0))
        do {
            observe(try await lock.create(lease), at: time)
            isLeader = true
            return true
        } catch {
            logger.debug("creating the lease failed", metadata: ["error": "\(error)"])
            return false
        }
    }

    /// The lease with this candidate as holder: acquire time and transitions kept when renewing, a new acquire
    /// time and one more transition when taking over.
    private func claim(_ lease: Lease, at time: Date) -> Lease {
        var next = lease
        if lease.spec.holderIdentity != config.identity {
            next.spec.acquireTime = MicroTime(time)
            next.spec.leaseTransitions = (lease.spec.leaseTransitions ?? 0) + 1
        }
        next.spec.holderIdentity = config.identity
        next.spec.leaseDurationSeconds = leaseDurationSeconds
        next.spec.renewTime = MicroTime(time)
        return next
    }

    private func observe(_ lease: Lease, at time: Date) {
        observed = lease
        observedChangedAt = time
    }

    private var leaseDurationSeconds: Int {
        max(1, Int(config.leaseDuration.components.seconds))
    }
}
