#if canImport(Glibc)
import CoreFoundation
import Glibc
#endif

/// `CLOCK_MONOTONIC` in nanoseconds. One clock for every process of a benchmark run (Python's
/// `time.monotonic_ns()` reads the same one), so timestamps taken in the watcher process compare with
/// those taken in the harness.
enum MonotonicTime {
    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    static func seconds(from start: UInt64, to end: UInt64) -> Double {
        end >= start ? Double(end - start) / 1e9 : 0
    }
}
