import Foundation
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore {
    public func incidentsAwaitingEnrichment(limit: Int) async throws(StoreError) -> [QueuedIncident] {
        guard limit > 0 else { return [] }
        return try await perform("could not read the incidents awaiting enrichment") { connection in
            let rows = try await connection.read { runner in
                try await runner.rows(StoreQueries.awaitingEnrichment, [.integer(limit)])
            }
            var queued: [QueuedIncident] = []
            var unreadable: [(id: Int, error: String)] = []
            for row in rows.map(StoredRow.init) {
                let id = try row.integer("id")
                do {
                    let incident = try StoredJSON.value(Incident.self, from: try row.text("incident"))
                    queued.append(
                        QueuedIncident(id: Int64(id), cluster: try row.text("cluster"), incident: incident, queuedAt: try row.date("queued_at")))
                } catch {
                    unreadable.append((id, "\(error)"))
                }
            }
            if !unreadable.isEmpty {
                try await setAside(unreadable, connection: connection)
            }
            return queued
        }
    }

    /// Takes unreadable incidents out of the queue (kept, with the reason as their suppression) so they
    /// cannot block the incidents behind them forever.
    private func setAside(_ unreadable: [(id: Int, error: String)], connection: SerializedConnection) async throws {
        try await connection.writeTransaction { runner in
            for (id, error) in unreadable {
                logger.error("setting aside an unreadable queued incident", metadata: ["incident": "\(id)", "error": "\(error)"])
                try await runner.execute(
                    "UPDATE incidents SET enriched_at = queued_at, suppression = ? WHERE id = ? AND enriched_at IS NULL",
                    [.text(ErrorText.capped("unreadable incident record: \(error)")), .integer(id)])
            }
        }
    }

    public func commitAlert(incident: QueuedIncident.ID, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date)
        async throws(StoreError)
    {
        try await commitAlerts([AlertCommit(incident: incident, alert: alert, deliveries: deliveries, suppression: suppression, at: at)])
    }

    /// All in one transaction: one wait for the disk for the whole batch, and a few statements for it, not three per
    /// alert (each statement is prepared anew and costs a trip to SQLite's thread and back).
    public func commitAlerts(_ commits: [AlertCommit]) async throws(StoreError) {
        guard !commits.isEmpty else { return }
        try await perform(commits.storeAction) { connection in
            // The first commit of an incident wins, as it would one statement at a time: the next finds it enriched.
            var seen = Set<QueuedIncident.ID>()
            let encoded = try commits.filter { seen.insert($0.incident).inserted }.map { ($0, try StoredJSON.text($0.alert)) }
            try await connection.writeTransaction { runner in
                var enriched = Set<Int>()
                for batch in encoded.chunks(of: Self.rowsPerStatement) {
                    enriched.formUnion(try await attach(Array(batch), runner: runner))
                }
                let missing = encoded.map { Int($0.0.incident) }.filter { !enriched.contains($0) }
                if !missing.isEmpty { try await warnAboutMissing(missing, runner: runner) }
                let planned = encoded.filter { enriched.contains(Int($0.0.incident)) }.flatMap { commit, _ in
                    commit.deliveries.map { (commit, $0) }
                }
                for batch in planned.chunks(of: Self.rowsPerStatement) {
                    try await insertDeliveries(Array(batch), runner: runner)
                }
            }
        }
    }

    /// Stores each alert on its incident when the incident is still waiting for one.
    /// - Returns: the incidents that took their alert. One already enriched (a replay after a crash between commit and
    ///   acknowledgement) or no longer stored is left as it is.
    private func attach(_ batch: [(AlertCommit, String)], runner: StatementRunner) async throws -> [Int] {
        let columns = "incident_id, alert, enriched_at, suppression, workload_kind, workload_name, node, reason, exit_code, occurred_at"
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: batch.count).joined(separator: ", ")
        let binds = batch.flatMap { commit, alertJSON -> [SQLiteData] in
            let alert = commit.alert
            return [
                .integer(Int(commit.incident)), .text(alertJSON), EpochMilliseconds(commit.at).sqlite,
                commit.suppression.map(SQLiteData.text) ?? .null,
                alert.workload.map { .text($0.kind) } ?? .null, alert.workload.map { .text($0.name) } ?? .null,
                alert.node.map(SQLiteData.text) ?? .null, alert.reason.map(SQLiteData.text) ?? .null,
                alert.exitCode.map(SQLiteData.integer) ?? .null, EpochMilliseconds(alert.occurredAt).sqlite,
            ]
        }
        let rows = try await runner.rows(
            """
            WITH enriched (\(columns)) AS (VALUES \(values))
            UPDATE incidents SET alert = enriched.alert, enriched_at = enriched.enriched_at, suppression = enriched.suppression,
                workload_kind = enriched.workload_kind, workload_name = enriched.workload_name,
                node = coalesce(enriched.node, incidents.node), reason = coalesce(enriched.reason, incidents.reason),
                exit_code = coalesce(enriched.exit_code, incidents.exit_code), occurred_at = enriched.occurred_at
            FROM enriched
            WHERE incidents.id = enriched.incident_id AND incidents.enriched_at IS NULL
            RETURNING id
            """, binds)
        return try rows.map { try StoredRow($0).integer("id") }
    }

    /// Pruned by retention while it was being enriched, or never queued: nothing to attach the alert to.
    private func warnAboutMissing(_ incidents: [Int], runner: StatementRunner) async throws {
        var stored = Set<Int>()
        for batch in incidents.chunks(of: Self.rowsPerStatement) {
            let marks = Array(repeating: "?", count: batch.count).joined(separator: ", ")
            let rows = try await runner.rows("SELECT id FROM incidents WHERE id IN (\(marks))", batch.map(SQLiteData.integer))
            stored.formUnion(try rows.map { try StoredRow($0).integer("id") })
        }
        for incident in incidents where !stored.contains(incident) {
            logger.warning("ignoring an alert for an incident that is not in the store", metadata: ["incident": "\(incident)"])
        }
    }

    /// Queues the planned deliveries in the order given, which is the order their lanes send them in.
    private func insertDeliveries(_ batch: [(AlertCommit, PlannedDelivery)], runner: StatementRunner) async throws {
        let values = Array(repeating: "(?, ?, ?, ?, ?, 'pending', 0, ?, ?)", count: batch.count).joined(separator: ", ")
        let binds = batch.flatMap { commit, delivery -> [SQLiteData] in
            let now = EpochMilliseconds(commit.at).sqlite
            return [
                .integer(Int(commit.incident)), .text(delivery.lane.destination), delivery.lane.channel.map(SQLiteData.text) ?? .null,
                .text(delivery.lane.storeKey), delivery.threadKey.map(SQLiteData.text) ?? .null, now, now,
            ]
        }
        try await runner.execute(
            """
            INSERT INTO deliveries (incident_id, destination, channel, lane, thread_key, status, attempts, queued_at, next_attempt_at)
            VALUES \(values)
            """, binds)
    }
}
