import ArgumentParser
import Foundation
import MuninnCore

/// The history's filters as options; every one given must match.
struct IncidentFilterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Only this cluster (its configured name).", valueName: "name"))
    var cluster: String?

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Only this namespace.", valueName: "namespace"))
    var namespace: String?

    @Option(name: .long, help: ArgumentHelp("Only this workload: a name, or Kind/name (Deployment/api).", valueName: "workload"))
    var workload: String?

    @Option(name: .long, help: ArgumentHelp("Only this pod.", valueName: "name"))
    var pod: String?

    @Option(name: .long, help: ArgumentHelp("Only this container.", valueName: "name"))
    var container: String?

    @Option(name: .long, help: ArgumentHelp("Only this reason (OOMKilled, Error, CrashLoopBackOff, ...).", valueName: "reason"))
    var reason: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only this kind (repeat for several): \(Incident.Kind.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "kind"))
    var kind: [String] = []

    @Option(name: .long, help: ArgumentHelp("Incidents at or after: 2h, 30m, 7d, 2w ago, or 2026-11-20T10:00:00Z.", valueName: "time"))
    var since: String?

    @Option(name: .long, help: ArgumentHelp("Incidents before: same forms as --since.", valueName: "time"))
    var until: String?

    /// The query these options describe, relative times counted back from `now`.
    func query(now: Date, search: String? = nil, limit: Int = 50, cursor: IncidentCursor? = nil, defaultKinds: Set<Incident.Kind> = [])
        throws -> IncidentQuery
    {
        var kinds = Set<Incident.Kind>()
        for name in kind {
            guard let parsed = Incident.Kind(rawValue: name) else {
                throw ValidationError("--kind: unknown kind '\(name)' (allowed: \(Incident.Kind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            kinds.insert(parsed)
        }
        let sinceDate = try since.map { try HistoryTime.parse($0, now: now, option: "--since") }
        let untilDate = try until.map { try HistoryTime.parse($0, now: now, option: "--until") }
        if let sinceDate, let untilDate, sinceDate >= untilDate {
            throw ValidationError("--since (\(HistoryTime.text(sinceDate))) must be before --until (\(HistoryTime.text(untilDate)))")
        }
        return IncidentQuery(
            cluster: cluster, namespace: namespace, workload: workload.map(WorkloadFilter.init(parsing:)), pod: pod, container: container,
            reason: reason, kinds: kinds.isEmpty ? defaultKinds : kinds, since: sinceDate, until: untilDate, search: search, limit: limit,
            cursor: cursor)
    }
}
