/// How one enrichment read ended.
enum TimedRead<Value: Sendable>: Sendable {
    case value(Value)
    case failed(any Error)
    case timedOut(Duration)

    /// Runs `read`, giving up after `timeout` on `clock`. The loser of the race is cancelled; a read that ignores
    /// cancellation still delays the result, which is why readers must honour it.
    static func run(
        timeout: Duration, clock: any Clock<Duration>, _ read: @escaping @Sendable () async throws -> Value
    ) async -> TimedRead<Value> {
        await withTaskGroup(of: TimedRead<Value>.self) { group in
            group.addTask {
                do { return .value(try await read()) } catch { return .failed(error) }
            }
            group.addTask {
                do {
                    try await clock.sleep(for: timeout)
                    return .timedOut(timeout)
                } catch {
                    return .failed(error)
                }
            }
            let first = await group.next() ?? .timedOut(timeout)
            group.cancelAll()
            return first
        }
    }
}
