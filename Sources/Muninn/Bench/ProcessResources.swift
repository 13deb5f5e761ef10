import Foundation

/// What a process holds, read from /proc (Linux) as `ps`, `ls -l /proc/PID/fd` and `lsof` read it: memory, threads,
/// open file descriptors and how many of them are sockets.
struct ProcessResources: Codable, Sendable, Equatable {
    /// `VmRSS`, bytes.
    var rssBytes: Int
    /// `VmHWM` (the peak RSS so far), bytes.
    var peakRSSBytes: Int
    /// `Threads:` in /proc/PID/status: every thread of the process (NIO event loops, the thread pool, the runtime's).
    var threads: Int
    /// Entries of /proc/PID/fd.
    var openFiles: Int
    /// Those of them that are sockets (`socket:[inode]`): connections to the API server, destinations, the store's
    /// server, the dashboard's clients and its listener.
    var sockets: Int
    /// utime + stime, seconds.
    var cpuSeconds: Double

    /// Nil once the process is gone.
    static func read(pid: Int32) -> ProcessResources? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd")
        else { return nil }
        var sockets = 0
        for descriptor in descriptors {
            // A descriptor closed between the listing and the read is simply not counted.
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/fd/\(descriptor)"), target.hasPrefix("socket:") {
                sockets += 1
            }
        }
        return ProcessResources(
            rssBytes: ProcessProbe.kilobytes("VmRSS:", in: status) * 1024, peakRSSBytes: ProcessProbe.kilobytes("VmHWM:", in: status) * 1024,
            threads: ProcessProbe.kilobytes("Threads:", in: status), openFiles: descriptors.count, sockets: sockets,
            cpuSeconds: ProcessProbe.cpuSeconds(stat))
    }
}
