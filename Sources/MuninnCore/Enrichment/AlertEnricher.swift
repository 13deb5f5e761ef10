import Foundation
import KubeAPI
import Logging

/// Turns an `Incident` into an `Alert` by reading what people need to act on it: the terminated instance's last
/// log lines, the pod's recent Events, unhealthy node conditions and the owning workload.
///
/// The four reads run in parallel, each bounded by `Configuration.readTimeout` on the injected clock. Enrichment
/// never fails: a read that fails or times out leaves its part out, and missing logs are explained in
/// `Alert.logsUnavailableReason`.
///
/// ```swift
/// let enricher = AlertEnricher(configuration: .init(clusterName: "prod-eu"))
/// let alert = await enricher.enrich(incident, reader: KubeClusterReader(client: client), logger: logger)
/// ```
public struct AlertEnricher: Sendable {
    public var configuration: Configuration
    /// Where a crash finds the change of its workload shortly before it; nil: alerts carry no preceding change.
    public var changeLink: ChangeLink?
    private let clock: any Clock<Duration>

    public init(configuration: Configuration = Configuration(), changeLink: ChangeLink? = nil, clock: any Clock<Duration> = ContinuousClock()) {
        self.configuration = configuration
        self.changeLink = changeLink
        self.clock = clock
    }

    /// The alert for `incident`, with whatever the reads returned in time.
    public func enrich(_ incident: Incident, reader: some ClusterReader, logger: Logger) async -> Alert {
        var alert = Self.baseAlert(for: incident, cluster: configuration.clusterName)
        await withTaskGroup(of: EnrichmentPart.self) { group in
            group.addTask { .logs(await self.readLogs(incident, reader: reader)) }
            group.addTask { .events(await self.readEvents(incident, reader: reader, logger: logger)) }
            group.addTask { .workload(await self.readWorkload(incident, reader: reader, logger: logger)) }
            group.addTask { .node(await self.readNode(incident, reader: reader, logger: logger)) }
            var nodeLines: [String] = []
            for await part in group {
                switch part {
                case .logs(let logs):
                    alert.logs = logs.text
                    alert.logsUnavailableReason = logs.unavailableReason
                case .events(let lines): alert.events = lines
                case .workload(let workload): alert.workload = workload
                case .node(let lines): nodeLines = lines
                }
            }
            // Node trouble last: it is context for the pod's own events, not one of them.
            alert.events += nodeLines
        }
        // After the reads: the link needs the workload the owner chain resolved.
        alert.precedingChange = await readPrecedingChange(for: alert, logger: logger)
        if let reason = alert.logsUnavailableReason {
            logger.debug("Logs unavailable for alert", metadata: ["alert.id": "\(alert.id)", "reason": "\(reason)"])
        }
        return alert
    }

    /// Everything that comes from the incident alone.
    static func baseAlert(for incident: Incident, cluster: String) -> Alert {
        var alert = Alert(
            id: incident.identity, kind: Alert.Kind(incident.kind), cluster: cluster, namespace: incident.namespace,
            pod: incident.podName, container: incident.container, node: incident.node, workload: WorkloadResolver.direct(incident.owner),
            image: incident.image, reason: incident.reason, exitCode: incident.exitCode, signal: incident.signal,
            exitCodeMeaning: ExitCodeDescription.explain(exitCode: incident.exitCode, signal: incident.signal, reason: incident.reason),
            message: incident.message, restartCount: incident.restartCount, restartsSeen: incident.restartsSeen,
            occurredAt: incident.finishedAt ?? incident.notReadySince ?? incident.observedAt, seenLate: incident.seenLate)
        alert.startedAt = incident.startedAt
        alert.containerID = incident.containerID
        return alert
    }

    private func readLogs(_ incident: Incident, reader: some ClusterReader) async -> LogResult {
        let container: String
        let attempts: [LogPlan.Instance]
        switch LogPlan.plan(for: incident) {
        case .none(let reason): return LogResult(text: nil, unavailableReason: reason)
        case .read(let planned, let instances): (container, attempts) = (planned, instances)
        }
        let configuration = configuration
        let outcome = await TimedRead.run(timeout: configuration.readTimeout, clock: clock) { () async throws -> [UInt8] in
            var firstRefusal: (any Error)?
            for instance in attempts {
                do {
                    return try await reader.containerLogs(
                        namespace: incident.namespace, pod: incident.podName, container: container, previous: instance == .previous,
                        tailLines: configuration.tailLines, limitBytes: configuration.maximumLogBytes)
                } catch KubeAPIError.logsUnavailable(let message) {
                    firstRefusal = firstRefusal ?? KubeAPIError.logsUnavailable(message: message)
                }
            }
            throw firstRefusal ?? KubeAPIError.logsUnavailable(message: "no container instance to read")
        }
        switch outcome {
        case .value(let bytes):
            let text = LogText.text(from: bytes, maximumBytes: configuration.maximumLogBytes, maximumLines: configuration.tailLines)
            return LogResult(text: text, unavailableReason: nil)
        case .failed(let error):
            return LogResult(text: nil, unavailableReason: Self.reason(for: error))
        case .timedOut(let timeout):
            return LogResult(text: nil, unavailableReason: "timed out after \(DurationText.text(timeout))")
        }
    }

    /// Why logs are missing, in words for the alert.
    static func reason(for error: any Error) -> String {
        switch error {
        case KubeAPIError.logsUnavailable(let message): message.isEmpty ? "the kubelet has no logs for this container" : message
        case KubeAPIError.notFound: "pod deleted"
        case is CancellationError: "enrichment was cancelled"
        default: "could not read logs: \(error)"
        }
    }

    private func readEvents(_ incident: Incident, reader: some ClusterReader, logger: Logger) async -> [String] {
        guard configuration.eventCount > 0 else { return [] }
        let uid = incident.podUID.isEmpty ? nil : incident.podUID
        let outcome = await TimedRead.run(timeout: configuration.readTimeout, clock: clock) {
            try await reader.podEvents(namespace: incident.namespace, pod: incident.podName, uid: uid)
        }
        guard case .value(let events) = outcome else {
            Self.logSkipped("events", outcome: outcome, incident: incident, logger: logger)
            return []
        }
        return EventLines.lines(for: events, count: configuration.eventCount)
    }

    private func readWorkload(_ incident: Incident, reader: some ClusterReader, logger: Logger) async -> Alert.Workload? {
        guard let owner = incident.owner, WorkloadResolver.parentKind(of: owner.kind) != nil else {
            return WorkloadResolver.direct(incident.owner)
        }
        let outcome = await TimedRead.run(timeout: configuration.readTimeout, clock: clock) {
            try await WorkloadResolver.resolve(owner: owner, namespace: incident.namespace, reader: reader)
        }
        guard case .value(let workload) = outcome else {
            Self.logSkipped("owner chain", outcome: outcome, incident: incident, logger: logger)
            return WorkloadResolver.direct(owner)
        }
        return workload
    }

    /// The workload's change shortly before the alert; a failing or slow change store never holds an alert back.
    private func readPrecedingChange(for alert: Alert, logger: Logger) async -> PrecedingChange? {
        guard let changeLink, ChangeLink.linkedKinds.contains(alert.kind), alert.workload != nil else { return nil }
        let outcome = await TimedRead.run(timeout: configuration.readTimeout, clock: clock) { () async throws -> PrecedingChange? in
            try await changeLink.precedingChange(for: alert)
        }
        switch outcome {
        case .value(let change): return change
        case .failed(let error):
            logger.warning("Could not look up the workload's recent changes", metadata: ["alert.id": "\(alert.id)", "error": "\(error)"])
        case .timedOut(let timeout):
            logger.warning("Looking up the workload's recent changes timed out", metadata: ["alert.id": "\(alert.id)", "timeout": "\(DurationText.text(timeout))"])
        }
        return nil
    }

    private func readNode(_ incident: Incident, reader: some ClusterReader, logger: Logger) async -> [String] {
        guard let node = incident.node, !node.isEmpty else { return [] }
        let outcome = await TimedRead.run(timeout: configuration.readTimeout, clock: clock) {
            try await reader.nodeConditions(node: node)
        }
        guard case .value(let conditions) = outcome else {
            Self.logSkipped("node conditions", outcome: outcome, incident: incident, logger: logger)
            return []
        }
        return EventLines.lines(forNode: node, conditions: conditions)
    }

    private static func logSkipped<Value>(_ what: String, outcome: TimedRead<Value>, incident: Incident, logger: Logger) {
        let problem: String
        switch outcome {
        case .value: return
        case .failed(let error): problem = String(describing: error)
        case .timedOut(let timeout): problem = "timed out after \(DurationText.text(timeout))"
        }
        logger.debug(
            "Enrichment read skipped", metadata: ["read": "\(what)", "incident": "\(incident.identity)", "problem": "\(problem)"])
    }
}
