import Foundation
import KubeAPI
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Counts the watcher's informer events and writes `<what> <count> <monotonic ns>` lines to stdout: one at
/// every sync and one every `every` events. A write(2) per line, so nothing waits in a buffer.
final class BenchProgressReporter: Sendable {
    private let count = Mutex(0)
    private let every: Int

    init(every: Int) { self.every = every }

    func observe(_ event: InformerEvent<Pod>) {
        let (current, isSync) = count.withLock { count -> (Int, Bool) in
            if case .synced = event { return (count, true) }
            count += 1
            return (count, false)
        }
        if isSync {
            write("synced", count: current, at: MonotonicTime.nanoseconds())
        } else if current % every == 0 {
            write("events", count: current, at: MonotonicTime.nanoseconds())
        }
    }

    func write(_ what: String, count: Int, at time: UInt64) {
        let line = Array("\(what) \(count) \(time)\n".utf8)
        line.withUnsafeBytes { bytes in
            _ = Glibc.write(1, bytes.baseAddress, bytes.count)
        }
    }
}
