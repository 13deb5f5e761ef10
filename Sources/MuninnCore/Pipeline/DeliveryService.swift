import Foundation
import Logging
import ServiceLifecycle

/// Stage three of the alert pipeline: sends queued deliveries, oldest first and one at a time per lane
/// (destination + channel) so each channel gets its alerts in order, paced to what each destination allows,
/// retried with backoff on temporary failures (honouring Retry-After), given up after `maximumAge` or on a
/// permanent error, and recorded either way.
///
/// Lanes are independent: a Slack channel that answers 429 does not hold back a DingTalk robot.
///
/// A lane whose destination recognises a repeated request (`pipelining` above 1) sends its next message while the
/// previous outcome is still being written, so its rate is not bounded by the disk's commit time; a crash in that
/// moment re-sends those messages, which the destination takes as the same ones.
public struct DeliveryService: Service {
    public struct Settings: Sendable {
        /// Deliveries attempted at once, across lanes.
        public var concurrency: Int
        public var retry: RetryPolicy
        /// A delivery still failing this long after it was queued is recorded as failed.
        public var maximumAge: Duration
        /// Later crashes reply in the thread of a message delivered at most this long ago.
        public var threadWindow: Duration
        public var storeRetry: RetryPolicy
        /// After graceful shutdown began, what is queued keeps being delivered this long (or until the outbox is
        /// empty); zero stops at once. What is left is delivered after the next start.
        public var drainTimeout: Duration

        public init(
            concurrency: Int = 8, retry: RetryPolicy = RetryPolicy(initial: .seconds(2), maximum: .seconds(300)),
            maximumAge: Duration = .seconds(6 * 3600), threadWindow: Duration = .seconds(24 * 3600),
            storeRetry: RetryPolicy = RetryPolicy(initial: .milliseconds(500), maximum: .seconds(30)), drainTimeout: Duration = .zero
        ) {
            self.drainTimeout = drainTimeout
            self.concurrency = max(1, concurrency)
            self.retry = retry
            self.maximumAge = maximumAge
            self.threadWindow = threadWindow
            self.storeRetry = storeRetry
        }
    }

    /// Sends one alert to one lane: the wiring maps the lane's destination name to its `Notifier`.
    public typealias Dispatch = @Sendable (_ alert: Alert, _ lane: DeliveryLane, _ threadID: String?, _ logger: Logger) async throws(
        NotifierError
    ) -> DeliveryReceipt

    private let store: any OutboxStore
    private let dispatch: Dispatch
    private let pacing: @Sendable (DeliveryLane) -> Duration
    private let pipelining: @Sendable (DeliveryLane) -> Int
    private let settings: Settings
    private let doorbell: Doorbell
    private let clock: any Clock<Duration>
    private let now: @Sendable () -> Date
    private let metrics: PipelineMetrics
    private let logger: Logger

    /// - Parameters:
    ///   - pacing: the least time between two messages in a lane (Slack about 1 s per channel, DingTalk 3 s).
    ///   - pipelining: how many sends of a lane may be in flight, the one being sent and those whose outcome is still
    ///     being recorded; above 1 only for destinations that recognise a repeated request as the same message.
    ///   - doorbell: rung by enrichment when deliveries were queued.
    public init(
        store: any OutboxStore, dispatch: @escaping Dispatch, pacing: @escaping @Sendable (DeliveryLane) -> Duration = { _ in .zero },
        pipelining: @escaping @Sendable (DeliveryLane) -> Int = { _ in 1 }, settings: Settings = Settings(), doorbell: Doorbell, clock: any Clock<Duration> = ContinuousClock(),
        now: @escaping @Sendable () -> Date = { Date() }, metrics: PipelineMetrics = PipelineMetrics(),
        logger: Logger = Logger(label: "muninn.deliver")
    ) {
        self.store = store
        self.dispatch = dispatch
        self.pacing = pacing
        self.pipelining = pipelining
        self.settings = settings
        self.doorbell = doorbell
        self.clock = clock
        self.now = now
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        let recorder = OutcomeRecorder()
        let drain = DrainState()
        // The recorder outlives the attempts: it is closed once the last of them handed over its outcome.
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await recorder.run(write: writeOutcomes) }
            defer { recorder.close() }
            try await deliver(recorder: recorder, drain: drain)
        }
        if drain.endsAt != nil { await reportDrain() }
    }

    /// The delivery loop: claims what is due lane by lane and starts an attempt for each, until cancelled, shut
    /// down, or drained.
    private func deliver(recorder: OutcomeRecorder, drain: DrainState) async throws {
        let schedule = LaneSchedule(depth: pipelining)
        // Each attempt runs on its own, so a destination that hangs until its timeout holds back only its lane.
        // Graceful shutdown interrupts waiting, never a send in flight (the group waits for those): a message that
        // went out but was not recorded would be sent again after the restart. With a drain timeout, graceful
        // shutdown first keeps sending what is queued until the outbox is empty or the timeout passed.
        try await withThrowingDiscardingTaskGroup { group in
            // Graceful shutdown ends a wait at once, unless the outbox is being drained.
            func waitForDoorbell(timeout: Duration?) async {
                if drain.endsAt != nil {
                    await doorbell.wait(timeout: timeout, clock: clock)
                } else {
                    await cancelWhenGracefulShutdown { await doorbell.wait(timeout: timeout, clock: clock) }
                }
            }
            while !Task.isCancelled {
                if Task.isShuttingDownGracefully {
                    guard settings.drainTimeout > .zero else { break }
                    if drain.expired {
                        logger.info("drain timeout passed: stopping once the sends in flight are recorded")
                        break
                    }
                    if drain.begin(endsAt: now().addingTimeInterval(settings.drainTimeout.seconds)) {
                        logger.info("draining the outbox before stopping", metadata: ["timeout": "\(settings.drainTimeout)"])
                        group.addTask { [clock, doorbell, timeout = settings.drainTimeout] in
                            await drain.finished.wait(timeout: timeout, clock: clock)
                            drain.expire()
                            doorbell.ring()
                        }
                    }
                }
                let start = now()
                let recording = schedule.readBegins()
                let readLimit = settings.concurrency * 4
                let due = try await StoreRetry.run("read due deliveries", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) {
                    () throws(StoreError) in try await store.dueDeliveries(now: start, limit: readLimit, excluding: recording)
                }
                let ready = schedule.claim(due, now: start, limit: settings.concurrency)
                for delivery in ready {
                    group.addTask {
                        await attempt(delivery, schedule: schedule, recorder: recorder)
                        if schedule.release(delivery) { doorbell.ring() }
                    }
                }
                // Each attempt rings when its send is over, and the loop reads again then: reading again now would find
                // only busy lanes, unless the read was cut at its limit. What it waits for meanwhile is worked out below.
                if !ready.isEmpty && due.count >= readLimit { continue }
                let busy = schedule.busyLanes
                let nextDue = try await StoreRetry.run("read next due", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) {
                    () throws(StoreError) in try await store.nextDeliveryDue(excluding: busy)
                }
                // A due delivery that was not ready is waiting for its lane's pacing (or for its lane to be free,
                // which rings the doorbell), not for its own time.
                let free = due.map(\.lane).filter { !busy.contains($0) }
                if let drainEnd = drain.endsAt, busy.isEmpty, due.isEmpty, nextDue.map({ $0 >= drainEnd }) ?? true {
                    // Nothing in flight and nothing due before the drain ends: the outbox is as empty as it gets.
                    break
                }
                let wakes = [nextDue.flatMap { $0 > start ? $0 : nil }, schedule.nextOpening(for: free)].compactMap { $0 }
                await waitForDoorbell(timeout: wakes.min().map { Duration.seconds(max(0, $0.timeIntervalSince(start))) })
            }
            // Ends the drain timer; sends in flight finish and are recorded before the group returns.
            drain.finished.ring()
        }
    }

    /// Writes a batch of outcomes. Recording must not be skipped: a delivery left pending would be sent again.
    private func writeOutcomes(_ attempts: [DeliveryAttempt]) async {
        _ = try? await StoreRetry.run("record deliveries", policy: settings.storeRetry, clock: clock, logger: logger, metrics: metrics) {
            () throws(StoreError) in try await store.recordAttempts(attempts)
        }
    }

    /// Says how the drain went: everything delivered, or how much waits for the next start.
    private func reportDrain() async {
        guard let counting = store as? any PendingDeliveryCounting else {
            logger.info("stopped delivering; anything still queued is delivered after the next start")
            return
        }
        do {
            let remaining = try await counting.pendingDeliveryCount()
            if remaining == 0 {
                logger.info("outbox drained: every queued alert was delivered")
            } else {
                logger.notice("stopped with deliveries still queued; they are sent after the next start", metadata: ["remaining": "\(remaining)"])
            }
        } catch {
            logger.warning("could not count the deliveries still queued", metadata: ["error": "\(error)"])
        }
    }

    /// Sends `delivery` once and records the outcome, telling `schedule` when the send is over.
    private func attempt(_ delivery: PendingDelivery, schedule: LaneSchedule, recorder: OutcomeRecorder) async {
        var logger = logger
        logger[metadataKey: "delivery"] = "\(delivery.id)"
        logger[metadataKey: "lane"] = "\(delivery.lane)"
        logger[metadataKey: "alert"] = "\(delivery.alert.id)"
        var threadID: String?
        if let key = delivery.threadKey {
            let since = now().addingTimeInterval(-settings.threadWindow.seconds)
            threadID = try? await store.threadParent(lane: delivery.lane, threadKey: key, since: since)
        }
        let outcome: DeliveryOutcome
        do {
            var receipt = try await dispatch(delivery.alert, delivery.lane, threadID, logger)
            // The store finds thread parents by message id: a reply records its thread's root, so the next crash
            // joins the same conversation (a reply that fell back to a new top-level message starts a new one).
            receipt.messageID = receipt.threadParentID
            outcome = .delivered(receipt)
            logger.info("alert delivered", metadata: ["attempt": "\(delivery.attempts + 1)", "thread": "\(threadID ?? "-")"])
        } catch {
            outcome = self.outcome(of: error, for: delivery, logger: logger)
        }
        let at = now()
        var delivered = false
        switch outcome {
        case .delivered:
            delivered = true
            metrics.delivery(destination: delivery.lane.destination, outcome: "delivered")
        case .retry: metrics.delivery(destination: delivery.lane.destination, outcome: "retry")
        case .failed: metrics.delivery(destination: delivery.lane.destination, outcome: "failed")
        }
        // After a failure the lane waits for the record: its next message must not overtake the one to retry.
        if schedule.sent(delivery, at: at, interval: pacing(delivery.lane), recording: delivered) { doorbell.ring() }
        await recorder.record(DeliveryAttempt(delivery: delivery.id, outcome: outcome, at: at))
    }

    private func outcome(of error: NotifierError, for delivery: PendingDelivery, logger: Logger) -> DeliveryOutcome {
        let attempts = delivery.attempts + 1
        switch error {
        case .permanent(let reason):
            logger.error("delivery failed permanently; not retrying", metadata: ["error": "\(reason)", "attempts": "\(attempts)"])
            return .failed(error: reason)
        case .retryable(let reason, let retryAfter):
            let wait = max(settings.retry.delay(afterAttempt: attempts), retryAfter ?? .zero)
            let next = now().addingTimeInterval(wait.seconds)
            if next.timeIntervalSince(delivery.queuedAt) > settings.maximumAge.seconds {
                let age = DurationText.text(.seconds(now().timeIntervalSince(delivery.queuedAt)))
                logger.error("delivery given up", metadata: ["error": "\(reason)", "attempts": "\(attempts)", "age": "\(age)"])
                return .failed(error: "gave up after \(attempts) attempts over \(age): \(reason)")
            }
            logger.warning("delivery failed; will retry", metadata: ["error": "\(reason)", "attempts": "\(attempts)", "retry_in": "\(wait)"])
            return .retry(error: reason, next: next)
        }
    }
}
