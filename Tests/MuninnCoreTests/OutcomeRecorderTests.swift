import Foundation
import Synchronization
import Testing

@testable import MuninnCore

/// Outcomes that arrive while a batch is being written go into the next batch; `record` returns once its own is
/// written; `run` ends after `close` with nothing left unwritten.
@Suite(.timeLimit(.minutes(1))) struct OutcomeRecorderTests {
    private static func attempt(_ id: Int64) -> DeliveryAttempt {
        DeliveryAttempt(delivery: id, outcome: .failed(error: "x"), at: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Ids noted from several tasks.
    final class Notes: Sendable {
        private let ids = Mutex<[Int64]>([])
        var all: [Int64] { ids.withLock { $0 } }
        func note(_ id: Int64) { ids.withLock { $0.append(id) } }
        func note(_ attempts: [DeliveryAttempt]) { ids.withLock { $0 += attempts.map(\.delivery) } }
    }

    /// A writer whose first write waits until let through, and that keeps every batch it was given.
    final class HeldWriter: Sendable {
        private struct State {
            var batches: [[Int64]] = []
            var held: CheckedContinuation<Void, Never>?
            var isFirst = true
        }

        private let state = Mutex(State())
        let firstWriteStarted: AsyncStream<Void>
        private let started: AsyncStream<Void>.Continuation

        init() { (firstWriteStarted, started) = AsyncStream.makeStream(of: Void.self) }

        var batches: [[Int64]] { state.withLock { $0.batches } }

        func write(_ attempts: [DeliveryAttempt]) async {
            state.withLock { $0.batches.append(attempts.map(\.delivery)) }
            let isFirst = state.withLock { state in
                defer { state.isFirst = false }
                return state.isFirst
            }
            guard isFirst else { return }
            await withCheckedContinuation { continuation in
                state.withLock { $0.held = continuation }
                started.yield()
            }
        }

        func release() {
            let held = state.withLock { state in
                defer { state.held = nil }
                return state.held
            }
            held?.resume()
        }
    }

    @Test func outcomesArrivingDuringAWriteGoIntoTheNextBatch() async throws {
        let recorder = OutcomeRecorder()
        let writer = HeldWriter()
        let recorded = Notes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await recorder.run(write: writer.write) }
            group.addTask {
                await recorder.record(Self.attempt(1))
                recorded.note(1)
            }
            var started = writer.firstWriteStarted.makeAsyncIterator()
            await started.next()
            await withTaskGroup(of: Void.self) { later in
                for id in Int64(2)...4 {
                    later.addTask {
                        await recorder.record(Self.attempt(id))
                        recorded.note(id)
                    }
                }
                // The three wait in the queue while the first batch is being written.
                while recorder.queuedCount < 3 && !Task.isCancelled { await Task.yield() }
                #expect(recorded.all.isEmpty)
                writer.release()
            }
            recorder.close()
        }
        #expect(writer.batches.count == 2)
        #expect(writer.batches.first == [1])
        #expect(writer.batches.last.map(Set.init) == [2, 3, 4])
        #expect(Set(recorded.all) == [1, 2, 3, 4])
    }

    @Test func runEndsAfterCloseOnceEverythingQueuedIsWritten() async {
        let recorder = OutcomeRecorder()
        let written = Notes()
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await recorder.run { attempts in written.note(attempts) }
            }
            await recorder.record(Self.attempt(7))
            recorder.close()
        }
        #expect(written.all == [7])
    }
}
