#if canImport(Glibc)
import Glibc
#endif

/// Unmaps the clean pages of code and read-only data that start-up and the initial list touched, once the pod list
/// is in sync.
///
/// An idle `muninn run` at 1,000 pods was 52–55 MB resident, of which about 40 MB were file pages of the binary and
/// the Swift libraries: configuration parsing, store migrations, TLS set-up, the list's decoding, each touched once,
/// and the kernel maps file pages in 64 KB runs around every page touched (fault-around). What the daemon touches
/// while it idles (the watch, bookmarks, timers, `/metrics`) is about a third of that. `MADV_DONTNEED` on a private,
/// read-only file mapping only removes the process's page table entries: the pages stay in the page cache, shared
/// with every process that maps the file, and a later touch maps them again with a minor fault (no disk read while
/// the cache holds them). It needs no privilege, unlike `MADV_PAGEOUT` on a file the process cannot write.
///
/// Only mappings that are private, not writable and hold no anonymous (copied-on-write) page are released: there
/// the file's content and the mapping's are the same page for page, so nothing can be lost. Relocated read-only
/// data (`.data.rel.ro` after the dynamic loader wrote to it) has anonymous pages and is left alone.
enum StartupPageRelease {
    /// Address ranges of `/proc/self/smaps` text that can be released as described above.
    static func releasableRanges(smaps: String) -> [Range<UInt>] {
        var ranges: [Range<UInt>] = []
        var candidate: Range<UInt>?
        for line in smaps.split(separator: "\n", omittingEmptySubsequences: true) {
            if let header = mappingHeader(line) {
                candidate = header
                continue
            }
            guard line.hasPrefix("Anonymous:"), let range = candidate else { continue }
            // Each mapping has one `Anonymous:` line; a mapping without the line is never released.
            candidate = nil
            let kilobytes = line.dropFirst("Anonymous:".count).split(separator: " ").first.flatMap { UInt($0) }
            if kilobytes == 0 { ranges.append(range) }
        }
        return ranges
    }

    /// The range of a mapping header line if the mapping is a candidate: `r-xp` or `r--p`, backed by a file (an inode
    /// and an absolute path). Nil for other mappings and for the mapping's field lines.
    private static func mappingHeader(_ line: Substring) -> Range<UInt>? {
        let fields = line.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard fields.count == 6, let dash = fields[0].firstIndex(of: "-") else { return nil }
        guard let start = UInt(fields[0][..<dash], radix: 16), let end = UInt(fields[0][fields[0].index(after: dash)...], radix: 16), start < end
        else { return nil }
        guard fields[1] == "r-xp" || fields[1] == "r--p", let inode = UInt(fields[4]), inode != 0 else { return nil }
        guard fields[5].trimmingPrefix(while: { $0 == " " }).hasPrefix("/") else { return nil }
        return start..<end
    }

    /// Releases the pages of every releasable mapping of this process; the number of bytes of address space advised
    /// (not all of it was resident). Zero where /proc is not readable or on other systems.
    @discardableResult
    static func release() -> Int {
        #if canImport(Glibc)
        guard let smaps = readProcFile("/proc/self/smaps") else { return 0 }
        var released = 0
        for range in releasableRanges(smaps: smaps) {
            guard let address = UnsafeMutableRawPointer(bitPattern: range.lowerBound) else { continue }
            if madvise(address, Int(range.upperBound - range.lowerBound), MADV_DONTNEED) == 0 {
                released += Int(range.upperBound - range.lowerBound)
            }
        }
        return released
        #else
        return 0
        #endif
    }

    #if canImport(Glibc)
    /// A /proc file's text: read until end of file, since /proc reports a size of 0.
    private static func readProcFile(_ path: String) -> String? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return count == 0 ? String(decoding: bytes, as: UTF8.self) : nil }
            bytes.append(contentsOf: chunk[..<count])
        }
    }
    #endif
}
