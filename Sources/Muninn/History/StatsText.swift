import Foundation
import MuninnCore

/// `muninn stats` for people: counts by reason, the workloads that crash most, and incidents over time.
enum StatsText {
    static let barWidth = 40

    static func lines(buckets: IncidentBuckets, workloads: [WorkloadCrashCount]) -> [String] {
        guard buckets.total > 0 else { return ["no incidents match"] }
        var lines = ["Incidents: \(buckets.total)", "", "By reason:"]
        var reasons = TextTable(headers: ["REASON", "COUNT", "SHARE"])
        for reason in buckets.reasons {
            let share = Double(reason.count) * 100 / Double(buckets.total)
            reasons.append([TerminalText.oneLine(reason.reason, width: 40), String(reason.count), String(format: "%.1f%%", share)])
        }
        lines += reasons.lines.map { "  " + $0 }

        lines += ["", "Top workloads:"]
        let showCluster = Set(workloads.map(\.cluster)).count > 1
        var table = TextTable(headers: (showCluster ? ["CLUSTER"] : []) + ["NAMESPACE", "WORKLOAD", "COUNT", "LAST (UTC)", "REASONS"])
        for item in workloads {
            let reasonText = item.reasons.prefix(3).map { "\(TerminalText.oneLine($0.reason, width: 30)) \($0.count)" }.joined(separator: ", ")
            table.append(
                (showCluster ? [TerminalText.oneLine(item.cluster, width: 40)] : []) + [
                    TerminalText.oneLine(item.namespace, width: 40), TerminalText.oneLine("\(item.workload.kind)/\(item.workload.name)", width: 60),
                    String(item.count), HistoryTime.text(item.lastOccurredAt), reasonText + (item.reasons.count > 3 ? ", …" : ""),
                ])
        }
        lines += table.lines.map { "  " + $0 }

        lines += ["", "Per \(buckets.size.rawValue) (UTC):"]
        let most = buckets.buckets.map(\.total).max() ?? 0
        var timeline = TextTable(headers: ["START", "COUNT", ""])
        for bucket in buckets.buckets {
            let bar = most == 0 ? "" : String(repeating: "#", count: (bucket.total * barWidth + most - 1) / most)
            timeline.append([HistoryTime.text(bucket.start), String(bucket.total), bar])
        }
        lines += timeline.lines.map { "  " + $0 }
        return lines
    }
}
