import Synchronization

/// What a fake accepted, in order, with a way to wait until enough has arrived: tests await the
/// messages a pipeline sends instead of sleeping and hoping.
public final class Arrivals<Element: Sendable>: Sendable {
    private struct Waiter {
        var count: Int
        var continuation: CheckedContinuation<[Element], any Error>
    }

    private struct State {
        var items: [Element] = []
        var waiters: [Int: Waiter] = [:]
        var cancelled: Set<Int> = []
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Everything accepted so far, oldest first.
    public var items: [Element] { state.withLock { $0.items } }

    public var count: Int { state.withLock { $0.items.count } }

    /// Records `item` and wakes the waiters it satisfies.
    public func append(_ item: Element) {
        let ready: [(CheckedContinuation<[Element], any Error>, [Element])] = state.withLock { state in
            state.items.append(item)
            let satisfied = state.waiters.filter { $0.value.count <= state.items.count }
            for id in satisfied.keys { state.waiters[id] = nil }
            return satisfied.values.map { ($0.continuation, state.items) }
        }
        for (continuation, items) in ready { continuation.resume(returning: items) }
    }

    /// Waits until at least `count` items arrived and returns all of them (there may be more: check
    /// `count` afterwards to assert "no more").
    /// - Throws: ``FakeTimeout`` when they do not arrive within `timeout`, naming what did arrive.
    public func wait(for count: Int, timeout: Duration = .seconds(20)) async throws -> [Element] {
        try await withThrowingTaskGroup(of: [Element].self) { group in
            group.addTask { try await self.arrival(of: count) }
            group.addTask {
                // A deadline, not synchronisation: a passing test never reaches it.
                try await Task.sleep(for: timeout)
                throw FakeTimeout(expected: count, arrived: self.count, timeout: timeout)
            }
            defer { group.cancelAll() }
            guard let items = try await group.next() else { throw CancellationError() }
            return items
        }
    }

    private func arrival(of count: Int) async throws -> [Element] {
        let id = state.withLock { state in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Element], any Error>) in
                let immediate: Result<[Element], any Error>? = state.withLock { state in
                    if state.items.count >= count { return .success(state.items) }
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    state.waiters[id] = Waiter(count: count, continuation: continuation)
                    return nil
                }
                if let immediate { continuation.resume(with: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return Waiter?.none
                }
                return waiter
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }
}
