import Foundation

#if canImport(Glibc)
import CMalloc
#endif

/// glibc malloc settings for the long-running commands (`run`, `demo`, `bench-watch`), applied once at start-up.
///
/// With glibc's defaults an idle watcher held about three times the memory it used (14 of 22 MB of heap free but
/// resident at 1,000 pods), for two reasons:
/// - Freeing a list page's body (megabytes, served by mmap) raises glibc's mmap threshold to that size and its trim
///   threshold to twice it. From then on big blocks come from the arenas, and the free top of a thread's arena is
///   never given back: neither by `free` (below the raised trim threshold) nor by `malloc_trim`, which only trims the
///   main arena's top. Fixing both thresholds turns that adaptation off.
/// - glibc makes up to eight arenas per core, one per thread that allocates concurrently, each with its own free
///   memory. Muninn's threads (the event loops, the concurrency pool) allocate little once in sync; two arenas are
///   enough and keep the free memory in fewer places.
///
/// The mmap threshold is 4 MB, not lower: TLS decryption writes each read's plaintext into a buffer that grows
/// past 256 KB and is replaced for every read (the previous one is still on its way to the consumer). Mapped on
/// its own, each such buffer was a fresh mapping whose every page faulted: 200,000 page faults for 30,000 watch
/// events at 10k pods, 60,000 at 4 MB, with the same idle memory. A list page's body (7.5 MB for 500 pods) is
/// still mapped and given back whole.
///
/// An operator who sets glibc's own variables (`GLIBC_TUNABLES` with `glibc.malloc.*`, or `MALLOC_ARENA_MAX`,
/// `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`) gets exactly those: nothing is applied then.
enum MallocTuning {
    /// At most this many malloc arenas.
    static let arenaMaximum: Int32 = 2
    /// Blocks at least this big are mapped on their own and unmapped when freed (a list page's body).
    static let mmapThreshold: Int32 = 4 * 1024 * 1024
    /// Free memory at the top of an arena beyond this is given back when a block is freed.
    static let trimThreshold: Int32 = 256 * 1024

    /// Whether Muninn applies its settings: not when the environment already tunes glibc's malloc.
    static func applies(environment: [String: String]) -> Bool {
        let variables = ["MALLOC_ARENA_MAX", "MALLOC_ARENA_TEST", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_"]
        if variables.contains(where: { environment[$0] != nil }) { return false }
        return !(environment["GLIBC_TUNABLES"] ?? "").contains("glibc.malloc.")
    }

    /// Applies the settings unless the environment tunes malloc itself; true if they were applied.
    @discardableResult
    static func apply(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard applies(environment: environment) else { return false }
        #if canImport(Glibc)
        // mallopt returns 1 on success; a refused setting leaves glibc's default, which is only less frugal.
        let applied = [
            mallopt(M_ARENA_MAX, arenaMaximum), mallopt(M_MMAP_THRESHOLD, mmapThreshold), mallopt(M_TRIM_THRESHOLD, trimThreshold),
        ]
        return applied.allSatisfy { $0 == 1 }
        #else
        return false
        #endif
    }
}
