import Foundation
import KubeAPI
import Synchronization

/// The detection stage's state, shared by its three tasks (events, ticks, commits) under one lock: the detector's
/// memory, what waits for the next commit, and whether a commit is under way.
///
/// Events are run through the detector on the task that reads them, so a watch event costs no hand-off between
/// tasks; the lock is uncontended but for the rare tick or commit.
final class DetectionLoop: Sendable {
    /// What one event, tick or commit left to its caller, outside the lock.
    struct Observation {
        var incidents: [Incident]
        /// The event was the end of a list.
        var synced = false
        /// The detector had been in sync before this `.synced` (a relist).
        var relisted = false
        var rememberedPods = 0
        /// Something was added for the committer.
        var queued = false
    }

    /// What the committer should do next.
    enum CommitWork {
        case commit(DetectionBatch)
        /// Nothing waits; sleep until rung.
        case idle
        /// The events ended and everything was committed.
        case finished
    }

    private struct State: ~Copyable {
        var detector: CrashDetector
        var pending = DetectionBatch()
        var lastSave: Date
        var committing = false
        var finished = false
    }

    private let state: Mutex<State>
    private let saveInterval: TimeInterval
    private let ticksDetect: Bool

    /// - Parameters:
    ///   - saveInterval: how long changed memory without incidents may wait before it is saved.
    ///   - ticksDetect: whether ticks re-check unready pods (else they only bound the save interval).
    init(detector: CrashDetector, now: Date, saveInterval: TimeInterval, ticksDetect: Bool) {
        state = Mutex(State(detector: detector, lastSave: now))
        self.saveInterval = saveInterval
        self.ticksDetect = ticksDetect
    }

    /// Runs `event` through the detector and queues what must be committed.
    func observe(_ event: InformerEvent<Pod>, now: Date) -> Observation {
        state.withLock { state in
            let wasSynced = state.detector.hasSynced
            var observation = Observation(incidents: state.detector.observe(event, now: now))
            if case .synced = event {
                observation.synced = true
                observation.relisted = wasSynced
                observation.rememberedPods = state.detector.rememberedPodCount
            }
            observation.queued = Self.queue(&state, observation.incidents, synced: observation.synced, now: now, saveInterval: saveInterval)
            return observation
        }
    }

    /// A tick: unready pods are re-checked, and memory that waited long enough is queued for saving.
    func tick(now: Date) -> Observation {
        state.withLock { state in
            guard !state.finished else { return Observation(incidents: []) }
            var observation = Observation(incidents: ticksDetect ? state.detector.tick(now: now) : [])
            observation.queued = Self.queue(&state, observation.incidents, synced: false, now: now, saveInterval: saveInterval)
            return observation
        }
    }

    private static func queue(_ state: inout State, _ incidents: [Incident], synced: Bool, now: Date, saveInterval: TimeInterval) -> Bool {
        let saveDue = state.detector.hasUnsavedChanges && now.timeIntervalSince(state.lastSave) >= saveInterval
        guard !incidents.isEmpty || saveDue || synced else { return false }
        state.pending.add(incidents, state.detector.takeStateChanges(), synced: synced)
        state.lastSave = now
        return true
    }

    /// Whether the reader must wait for a commit before it reads on: `limit` incidents wait already (for the commit
    /// under way to end, or for the committer to take them).
    func mustWaitForCommit(limit: Int) -> Bool {
        state.withLock { $0.pending.incidents.count >= limit }
    }

    /// Takes what waits, if no commit is under way; the caller commits it and then calls `commitEnded()`.
    func nextCommit() -> CommitWork {
        state.withLock { state in
            guard !state.committing else { return .idle }
            if !state.pending.isEmpty {
                let batch = state.pending
                state.pending = DetectionBatch()
                state.committing = true
                return .commit(batch)
            }
            return state.finished ? .finished : .idle
        }
    }

    func commitEnded() {
        state.withLock { $0.committing = false }
    }

    /// No more events or ticks: the committer commits what waits and ends.
    func finish() {
        state.withLock { $0.finished = true }
    }

    var isFinished: Bool { state.withLock { $0.finished } }

    /// The memory that changed since it was last queued, taken (for the save at shutdown).
    func takeUnsavedChanges() -> [PodStateUpdate]? {
        state.withLock { state in
            state.detector.hasUnsavedChanges ? state.detector.takeStateChanges() : nil
        }
    }
}
