import Synchronization

/// Keeps the most recent requests (bounded) for tests to inspect.
public final class RequestRecorder: Sendable {
    private let entries = Mutex<[RecordedRequest]>([])
    private let capacity: Int

    init(capacity: Int = 10_000) { self.capacity = capacity }

    func record(_ request: RecordedRequest) {
        entries.withLock {
            if $0.count >= capacity { $0.removeFirst($0.count - capacity + 1) }
            $0.append(request)
        }
    }

    /// Requests received so far, oldest first.
    public var requests: [RecordedRequest] { entries.withLock { $0 } }

    public func removeAll() { entries.withLock { $0.removeAll() } }
}
