import Foundation
import KubeJSON
import Logging

/// A self-healing list+watch of one resource with client-go reflector semantics, as a pull-based
/// `AsyncSequence`: its iterator *is* the loop, so nothing runs while the consumer is not asking, and a slow
/// consumer slows reading from the socket (no unbounded buffer).
///
/// Yields `.added`/`.modified`/`.deleted` for the initial list, then `.synced`, then watch events. After a 410 it
/// relists and yields only the differences (synthetic `.deleted` placeholders for vanished objects, `.modified`
/// for changed resourceVersions, nothing for unchanged ones), then `.synced` again. Throws `KubeAPIError` on
/// 401/403 and other non-retryable failures; cancellation ends it.
public struct Reflector<Object: KubeObject>: AsyncSequence, Sendable {
    public typealias Element = InformerEvent<Object>

    let client: KubeClient
    let resource: GroupVersionResource
    let namespace: String?
    let labelSelector: String?
    let fieldSelector: String?
    let clock: any Clock<Duration>
    let random: @Sendable () -> Double
    let listFromWatchCache: Bool
    /// Told each time the loop watches again or lists again after its watch ended, expired or failed.
    let onRestart: (@Sendable (WatchRestartReason) -> Void)?
    /// Told after each page of a list, synchronously on the consumer's task (for a progress line on large clusters).
    var onListPage: (@Sendable (ListProgress) -> Void)? = nil

    public func makeAsyncIterator() -> Iterator {
        Iterator(reflector: self, machine: ReflectorStateMachine(listFromWatchCache: listFromWatchCache, random: random))
    }

    /// The loop. Holds at most one partial list item or watch line, and the synthetic events of a list's end.
    public struct Iterator: AsyncIteratorProtocol {
        let reflector: Reflector
        var machine: ReflectorStateMachine
        private var pending: [InformerEvent<Object>] = []
        private var pendingIndex = 0
        private var listing: (resourceVersion: String, limit: Int?, continueToken: String?)?
        private var page: ListPageReader<Object>?
        private var watch: WatchStream<Object>.Iterator?
        private var watchStarted: ContinuousClock.Instant?
        private var listed = ListProgress(pages: 0, objects: 0, isComplete: false)

        init(reflector: Reflector, machine: ReflectorStateMachine) {
            self.reflector = reflector
            self.machine = machine
        }

        public mutating func next() async throws -> InformerEvent<Object>? {
            while true {
                try Task.checkCancellation()
                if pendingIndex < pending.count {
                    let event = pending[pendingIndex]
                    pendingIndex += 1
                    if pendingIndex == pending.count {
                        pending.removeAll(keepingCapacity: true)
                        pendingIndex = 0
                    }
                    return event
                }
                if listing != nil {
                    if let event = try await readListing() { return event }
                    continue
                }
                if watch != nil {
                    if let event = try await readWatch() { return event }
                    continue
                }
                switch machine.nextStep() {
                case .wait(let delay):
                    reflector.client.logger.debug("reflector backing off", metadata: ["k8s.resource": "\(reflector.resource)", "delay": "\(delay)"])
                    try await reflector.clock.sleep(for: delay, tolerance: nil)
                case .list(let resourceVersion, let limit):
                    machine.listStarted()
                    listed = ListProgress(pages: 0, objects: 0, isComplete: false)
                    listing = (resourceVersion, limit, nil)
                case .watch(let resourceVersion, let timeoutSeconds):
                    try await openWatch(resourceVersion: resourceVersion, timeoutSeconds: timeoutSeconds)
                }
            }
        }

        /// The next event of the list under way: items are handed on as their page arrives (a page is read, not
        /// held), and the end of the last page brings the synthetic deletes and `.synced`.
        private mutating func readListing() async throws -> InformerEvent<Object>? {
            guard let current = listing else { return nil }
            // Moved out, not copied: a second reference would make every append to the page's buffer copy it.
            var reader: ListPageReader<Object>
            if let open = page {
                reader = open
                page = nil
            } else {
                let options = ListOptions(
                    labelSelector: reflector.labelSelector, fieldSelector: reflector.fieldSelector, limit: current.limit,
                    resourceVersion: current.resourceVersion)
                do {
                    reader = try await reflector.client.openListPage(
                        reflector.resource, namespace: reflector.namespace, as: Object.self, options: options, continue: current.continueToken)
                } catch {
                    try listFailed(error)
                    return nil
                }
            }
            let item: Object?
            do {
                item = try await reader.next()
            } catch {
                try listFailed(error)
                return nil
            }
            if let item {
                page = reader
                listed.objects += 1
                switch machine.listed(item.objectKey, resourceVersion: item.resourceVersion) {
                case .added: return .added(item)
                case .modified: return .modified(item)
                case .deleted, .none: return nil
                }
            }
            let metadata = reader.metadata ?? ListMetadata()
            listed.pages += 1
            if let token = metadata.continue, !token.isEmpty {
                listing?.continueToken = token
                reflector.onListPage?(listed)
                return nil
            }
            listing = nil
            listed.isComplete = true
            reflector.onListPage?(listed)
            for key in machine.listCompleted(resourceVersion: metadata.resourceVersion) {
                pending.append(.deleted(Object(placeholderFor: key)))
            }
            pending.append(.synced)
            return nil
        }

        private mutating func listFailed(_ error: any Error) throws {
            listing = nil
            page = nil
            try rethrowCancellation(error)
            try machine.listFailed(error)
            reflector.onRestart?(.after(error))
        }

        private mutating func openWatch(resourceVersion: String, timeoutSeconds: Int) async throws {
            let options = WatchOptions(
                resourceVersion: resourceVersion, labelSelector: reflector.labelSelector, fieldSelector: reflector.fieldSelector,
                allowWatchBookmarks: true, timeoutSeconds: timeoutSeconds)
            do {
                let stream = try await reflector.client.watch(reflector.resource, namespace: reflector.namespace, as: Object.self, options: options)
                watch = stream.makeAsyncIterator()
                watchStarted = ContinuousClock.now
            } catch {
                try rethrowCancellation(error)
                try machine.watchFailed(error)
                reflector.onRestart?(.after(error))
            }
        }

        private mutating func readWatch() async throws -> InformerEvent<Object>? {
            // Moved out, not copied: a second reference would make every append to the stream's line buffer copy it.
            guard var iterator = watch else { return nil }
            watch = nil
            let event: WatchEvent<Object>?
            do {
                event = try await iterator.next()
                watch = iterator
            } catch {
                watch = nil
                try rethrowCancellation(error)
                try machine.watchFailed(error)
                reflector.onRestart?(.after(error))
                return nil
            }
            guard let event else {
                watch = nil
                let elapsed = watchStarted.map { ContinuousClock.now - $0 } ?? .zero
                machine.watchEnded(after: elapsed)
                reflector.onRestart?(.ended)
                return nil
            }
            // The machine is updated in a statement of its own: as the argument of a call on `self` it would be
            // mutated while a copy of `self` is alive, and copy its whole resourceVersion map for every event.
            switch event {
            case .added(let object):
                let change = machine.received(.added, key: object.objectKey, resourceVersion: object.resourceVersion)
                return Self.emit(change, object)
            case .modified(let object):
                let change = machine.received(.modified, key: object.objectKey, resourceVersion: object.resourceVersion)
                return Self.emit(change, object)
            case .deleted(let object):
                _ = machine.received(.deleted, key: object.objectKey, resourceVersion: object.resourceVersion)
                return .deleted(object)
            case .bookmark(let resourceVersion):
                _ = machine.received(.bookmark, key: nil, resourceVersion: resourceVersion)
                return nil
            case .error(let status):
                // The server ends the stream after an ERROR event; drop it and let the machine decide.
                watch = nil
                reflector.client.logger.debug("watch ERROR event", metadata: ["k8s.resource": "\(reflector.resource)", "code": "\(status.code ?? 0)", "reason": "\(status.reason ?? "")"])
                machine.receivedError(status)
                reflector.onRestart?(status.isExpired ? .expired : .failed)
                return nil
            }
        }

        private static func emit(_ change: ReflectorStateMachine.Change, _ object: Object) -> InformerEvent<Object>? {
            switch change {
            case .added: .added(object)
            case .modified: .modified(object)
            case .deleted: .deleted(object)
            case .none: nil
            }
        }

        private func rethrowCancellation(_ error: any Error) throws {
            if error is CancellationError || Task.isCancelled { throw CancellationError() }
        }
    }
}
