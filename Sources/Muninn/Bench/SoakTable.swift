import Foundation

/// The human-readable form of a `SoakReport`.
enum SoakTable {
    static func render(_ report: SoakReport) -> String {
        var lines: [String] = []
        lines.append(String(format: "muninn soak: %ld pods in %ld namespaces, %.1f minutes of churn, a sample every %.0f s",
                            report.pods, report.namespaces, report.plan.seconds / 60, report.plan.sampleSeconds))
        lines.append("machine: \(report.machine.cores) cores, \(report.machine.cpuModel), \(report.machine.memoryBytes >> 30) GiB, load \(report.machine.loadAverage)")
        lines.append("store: \(report.storePath)")
        if let churn = report.churn {
            lines.append(String(
                format: "churn: %ld crashes, %ld pods deleted and replaced, %ld readiness flaps, %ld rollouts, %ld ConfigMap edits, %ld pod writes (%ld skipped: no pod in the right state)",
                churn.crashes, churn.deletions, churn.readinessFlaps, churn.rollouts, churn.configMapEdits, churn.podWrites, churn.skipped))
        }
        if let sync = report.syncSeconds { lines.append(String(format: "muninn run in sync after %.1f s", sync)) }
        if let error = report.error {
            lines.append("")
            lines.append("FAILED: \(error)")
        }
        if let first = report.samples.first, let last = report.samples.last {
            lines.append("")
            lines.append(row("", "start", "end", "peak", "verdict"))
            let peak = report.samples.reduce(into: first) { peak, sample in
                peak.process.rssBytes = max(peak.process.rssBytes, sample.process.rssBytes)
                peak.process.peakRSSBytes = max(peak.process.peakRSSBytes, sample.process.peakRSSBytes)
                peak.process.threads = max(peak.process.threads, sample.process.threads)
                peak.process.openFiles = max(peak.process.openFiles, sample.process.openFiles)
                peak.process.sockets = max(peak.process.sockets, sample.process.sockets)
                peak.storeBytes = max(peak.storeBytes, sample.storeBytes)
            }
            let verdicts = Dictionary(report.verdicts.map { ($0.resource, $0) }, uniquingKeysWith: { first, _ in first })
            func resource(_ name: String, _ value: (SoakReport.Sample) -> String) {
                lines.append(row(name, value(first), value(last), value(peak), verdicts[name].map(describe) ?? "-"))
            }
            resource("RSS") { megabytes($0.process.rssBytes) }
            resource("peak RSS") { megabytes($0.process.peakRSSBytes) }
            resource("threads") { "\($0.process.threads)" }
            resource("open files") { "\($0.process.openFiles)" }
            resource("sockets") { "\($0.process.sockets)" }
            resource(SoakRunner.storeResource) { megabytes($0.storeBytes) }
            let cpu = last.process.cpuSeconds - first.process.cpuSeconds
            let span = max(last.seconds - first.seconds, 1)
            lines.append(String(format: "CPU: %.1f s over the churn (%.1f%% of one core)", cpu, cpu / span * 100))
            if let events = last.watchEvents, let firstEvents = first.watchEvents {
                lines.append("watch: \(events - firstEvents) pod events during the churn, \(last.relists ?? 0) relists")
            }
        }
        lines.append("")
        if let alerts = report.alerts { lines.append(delivery("crash alerts", alerts)) }
        if !report.otherAlerts.isEmpty {
            lines.append("other alerts: " + report.otherAlerts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let changes = report.changes { lines.append(delivery("change messages", changes)) }
        if let alerts = report.alerts, alerts.delivered > 0, let first = report.samples.first, let end = report.end ?? report.samples.last {
            lines.append(String(format: "store growth: %.1f KB per alert (the history keeps every incident and its logs)",
                                Double(end.storeBytes - first.storeBytes) / 1e3 / Double(alerts.delivered)))
        }
        lines.append("dashboard: \(report.samples.count + (report.end == nil ? 0 : 1)) reads of /healthz and /metrics, \(report.dashboardFailures) failed")
        if let status = report.muninnExitStatus { lines.append("muninn run exited with \(status) after SIGTERM") }
        return lines.joined(separator: "\n")
    }

    static func describe(_ verdict: GrowthVerdict) -> String {
        guard verdict.verdict != GrowthVerdict.tooFewSamples else { return verdict.verdict }
        let scale = verdict.resource.contains("RSS") || verdict.resource == SoakRunner.storeResource ? 1e6 : 1
        let unit = scale > 1 ? " MB" : ""
        let difference = String(format: "%+.1f", (verdict.lastThirdMean - verdict.middleThirdMean) / scale)
        let slope = String(format: "%+.2f", verdict.slopePerMinute / scale)
        return "\(verdict.verdict) (last third \(difference)\(unit) vs the middle, slope \(slope)\(unit)/min)"
    }

    private static func delivery(_ name: String, _ delivery: SoakReport.Delivery) -> String {
        "\(name): \(delivery.expected) expected, \(delivery.delivered) delivered, \(delivery.lost) lost, \(delivery.duplicated) duplicated, \(delivery.unexpected) unexpected"
    }

    private static func row(_ name: String, _ start: String, _ end: String, _ peak: String, _ verdict: String) -> String {
        name.padding(toLength: 12, withPad: " ", startingAt: 0) + start.padding(toLength: 11, withPad: " ", startingAt: 0)
            + end.padding(toLength: 11, withPad: " ", startingAt: 0) + peak.padding(toLength: 11, withPad: " ", startingAt: 0) + verdict
    }

    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }
}
