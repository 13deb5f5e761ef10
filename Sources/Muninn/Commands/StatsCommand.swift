import ArgumentParser
import Foundation
import KubeJSON
import MuninnCore
import MuninnDashboard
import MuninnStore

/// `muninn stats`: which reasons and workloads dominate the history, and how it spread over time.
struct StatsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count incidents by reason and workload, and per hour or day.",
        discussion: "Recoveries (runningAgain, readyAgain) are left out unless asked for with --kind."
    )

    @OptionGroup var history: HistoryOptions
    @OptionGroup var filters: IncidentFilterOptions

    @Option(name: .long, help: ArgumentHelp("How many workloads to list.", valueName: "n"))
    var top: Int = 10

    @Option(name: .long, help: ArgumentHelp("Count per hour or per day (UTC).", valueName: "hour|day"))
    var by: String = "day"

    func validate() throws {
        guard top > 0 else { throw ValidationError("--top must be at least 1") }
        guard IncidentBuckets.Size(rawValue: by) != nil else { throw ValidationError("--by: give hour or day, not '\(by)'") }
    }

    func run() async throws {
        try await execute(now: Date(), write: StandardOutput.writeLine)
    }

    func execute(now: Date, write: (String) -> Void) async throws {
        let failures = Set(Incident.Kind.allCases.filter { !$0.isRecovery })
        let query = try filters.query(now: now, defaultKinds: failures)
        let size = IncidentBuckets.Size(rawValue: by) ?? .day
        let (buckets, workloads) = try await HistoryStoreAccess.withStore(path: history.store) { store in
            (try await store.buckets(query, by: size), try await store.topWorkloads(query, limit: top))
        }
        switch history.output {
        case .json: write(HistoryJSON.stats(buckets: buckets, workloads: workloads).serializedString())
        case .table: StatsText.lines(buckets: buckets, workloads: workloads).forEach(write)
        }
    }
}
