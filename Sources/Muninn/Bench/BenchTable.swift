import Foundation

/// The human-readable form of a `BenchReport`.
enum BenchTable {
    static func render(_ report: BenchReport) -> String {
        var lines: [String] = []
        lines.append(
            String(
                format: "muninn bench: %ld pods in %ld namespaces, %.1f KB per pod, %.1f MB per full list",
                report.pods, report.namespaces, Double(report.podJSONBytesAverage) / 1e3, Double(report.listBytes) / 1e6))
        lines.append("machine: \(report.machine.cores) cores, \(report.machine.cpuModel), \(report.machine.memoryBytes >> 30) GiB, load \(report.machine.loadAverage)")
        lines.append("")
        if let muninn = report.muninn {
            lines.append("Muninn (separate process, real pipeline over HTTPS)")
            lines.append(row("initial sync (paginated list)", String(format: "%.2f s, %.0f MB/s", muninn.syncSeconds, muninn.syncMegabytesPerSecond ?? 0)))
            lines.append(row("watch throughput", String(format: "%.0f events/s (%.0f MB/s), %ld events in %.2f s", muninn.watchEventsPerSecond, muninn.watchMegabytesPerSecond ?? 0, muninn.watchEvents, muninn.watchSeconds)))
            lines.append(row("CPU per 1,000 events", String(format: "%.3f s", muninn.cpuSecondsPer1000Events)))
            lines.append(row("CPU for the initial sync", String(format: "%.2f s", muninn.cpuSecondsSync)))
            lines.append(row("peak RSS after sync / at end", "\(megabytes(muninn.peakRSSAfterSyncBytes)) / \(megabytes(muninn.peakRSSBytes))"))
            lines.append(row("idle RSS after sync", "\(megabytes(muninn.idleRSSBytes)) (\(Int(muninn.idleBytesPerPod)) bytes per pod)"))
            lines.append(row("RSS after watch / at end", "\(megabytes(muninn.rssAfterWatchBytes)) / \(megabytes(muninn.rssEndBytes))"))
            if let sustained = muninn.sustained { lines.append(row(String(format: "alerts at %.0f crashes/s", sustained.rate ?? 0), latency(sustained))) }
            if let burst = muninn.burst { lines.append(row("alerts for a burst of \(burst.crashes)", latency(burst))) }
        } else {
            lines.append("Muninn: FAILED: \(report.muninnError ?? "unknown error")")
        }
        if !report.listPeers.isEmpty {
            lines.append("")
            lines.append("List of all pods, same bytes (speedup: Muninn's sync time vs the peer's)")
            for peer in report.listPeers {
                guard peer.status == "ok", let seconds = peer.seconds else {
                    lines.append(row(peer.name, peer.status))
                    continue
                }
                var text = String(format: "%.2f s, %.0f MB/s", seconds, peer.megabytesPerSecond ?? 0)
                if let peak = peer.peakRSSBytes { text += ", peak RSS \(megabytes(peak))" }
                if let speedup = peer.muninnSpeedup { text += String(format: ", Muninn %.2fx", speedup) }
                lines.append(row(peer.name, text))
            }
        }
        if !report.watchPeers.isEmpty {
            lines.append("")
            lines.append("Watch, the same pod updates (speedup: Muninn's events/s vs the peer's)")
            for peer in report.watchPeers {
                guard peer.status == "ok", let rate = peer.eventsPerSecond else {
                    lines.append(row(peer.name, peer.status))
                    continue
                }
                var text = String(format: "%.0f events/s", rate)
                if let peak = peer.peakRSSBytes { text += ", peak RSS \(megabytes(peak))" }
                if let speedup = peer.muninnSpeedup { text += String(format: ", Muninn %.2fx", speedup) }
                lines.append(row(peer.name, text))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func row(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: 38, withPad: " ", startingAt: 0) + " " + value
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    private static func latency(_ alerts: BenchReport.AlertLatency) -> String {
        var text = "\(alerts.delivered)/\(alerts.crashes) delivered"
        if let summary = alerts.latency { text += String(format: ", p50 %.1f ms, p99 %.1f ms, max %.1f ms", summary.p50, summary.p99, summary.max) }
        if alerts.rate == nil {
            if let first = alerts.firstAlertSeconds { text += String(format: ", first after %.3f s", first) }
            if let all = alerts.allDeliveredSeconds { text += String(format: ", all after %.2f s", all) }
        }
        if let cpu = alerts.cpuMillisecondsPerAlert { text += String(format: ", CPU %.2f ms per alert", cpu) }
        return text
    }
}
