import Foundation

/// Reads another process's memory and CPU time from /proc (Linux), as `ps` and `top` do.
struct ProcessProbe {
    struct Sample: Sendable {
        /// Peak resident set size so far (`VmHWM`), bytes.
        var peakRSS: Int
        /// Current resident set size (`VmRSS`), bytes.
        var rss: Int
        /// User plus system CPU time, seconds.
        var cpuSeconds: Double
    }

    let pid: Int32

    /// Nil once the process is gone (or on a system without /proc).
    func sample() -> Sample? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        else { return nil }
        return Sample(peakRSS: Self.kilobytes("VmHWM:", in: status) * 1024, rss: Self.kilobytes("VmRSS:", in: status) * 1024, cpuSeconds: Self.cpuSeconds(stat))
    }

    static func kilobytes(_ field: String, in status: String) -> Int {
        for line in status.split(separator: "\n") where line.hasPrefix(field) {
            return Int(line.dropFirst(field.count).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "") ?? 0
        }
        return 0
    }

    /// utime + stime (fields 14 and 15), counted after the command name, which may contain spaces.
    static func cpuSeconds(_ stat: String) -> Double {
        guard let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After ")": state is field 3, so utime (14) and stime (15) are at offsets 11 and 12.
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return (user + system) / (ticks > 0 ? ticks : 100)
    }
}
