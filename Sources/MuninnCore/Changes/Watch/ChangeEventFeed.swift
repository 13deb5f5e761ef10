import AsyncAlgorithms
import KubeAPI
import KubeJSON
import ServiceLifecycle

/// Hands one scope's informer events to its watcher one at a time, and reads the next only once the watcher has
/// handled the previous one, so nothing is buffered between the socket and the chain.
///
/// Reading and handling are separate so that a graceful shutdown can stop the first without the second: the read
/// waiting for the next event ends at once, while a change already in the chain runs to the end and is recorded
/// (the service bounds that wait with its drain timeout).
struct ChangeEventFeed: Sendable {
    private let events = AsyncChannel<InformerEvent<JSONValue>>()
    private let handled = AsyncChannel<Void>()

    /// Reads `source` into the feed until it ends, the task is cancelled, or a graceful shutdown begins; then the
    /// feed finishes. Runs beside the watcher's ``handle(_:)`` loop.
    /// - Throws: the source's errors other than those of its cancellation.
    func read(_ source: ChangeEventSource.Events) async throws {
        let events = self.events, handled = self.handled
        defer {
            events.finish()
            handled.finish()
        }
        do {
            try await cancelWhenGracefulShutdown {
                var acknowledgements = handled.makeAsyncIterator()
                for try await event in source {
                    await events.send(event)
                    // The watcher is done with it (or stopped): only now is the next event read.
                    guard await acknowledgements.next() != nil else { return }
                }
            }
        } catch {
            // Stopping: a reflector cancelled in a read ends with an error of its own; the watcher finishes the event
            // in hand and sees the feed end.
            if Task.isCancelled || Task.isShuttingDownGracefully { return }
            throw error
        }
    }

    /// Runs `body` for each event in order until the feed finishes; the next event is read once `body` returned.
    func handle(_ body: (InformerEvent<JSONValue>) async throws -> Void) async throws {
        for await event in events {
            try await body(event)
            await handled.send(())
        }
    }
}
