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

    /// All in one transaction: one wait for the disk for the whole batch.
    public func commitAlerts(_ commits: [AlertCommit]) async throws(StoreError) {
        guard !commits.isEmpty else { return }
        try await perform(commits.storeAction) { connection in
            let encoded = try commits.map { ($0, try StoredJSON.text($0.alert)) }
            try await connection.writeTransaction { runner in
                for (commit, alertJSON) in encoded { try await write(commit, alertJSON: alertJSON, runner: runner) }
            }
        }
    }

    private func write(_ commit: AlertCommit, alertJSON: String, runner: StatementRunner) async throws {
        let incident = commit.incident
        let alert = commit.alert
        let now = EpochMilliseconds(commit.at).sqlite
        guard let row = try await runner.rows("SELECT enriched_at FROM incidents WHERE id = ?", [.integer(Int(incident))]).first else {
            // Pruned by retention while it was being enriched, or never queued: nothing to attach the alert to.
            logger.warning("ignoring an alert for an incident that is not in the store", metadata: ["incident": "\(incident)"])
            return
        }
        // Already enriched: a replay after a crash between commit and acknowledgement.
        guard StoredRow(row).isNull("enriched_at") else { return }
        try await runner.execute(
            """
            UPDATE incidents SET alert = ?, enriched_at = ?, suppression = ?, workload_kind = ?, workload_name = ?,
                node = coalesce(?, node), reason = coalesce(?, reason), exit_code = coalesce(?, exit_code), occurred_at = ?
            WHERE id = ?
            """,
            [
                .text(alertJSON), now, commit.suppression.map(SQLiteData.text) ?? .null,
                alert.workload.map { .text($0.kind) } ?? .null, alert.workload.map { .text($0.name) } ?? .null,
                alert.node.map(SQLiteData.text) ?? .null, alert.reason.map(SQLiteData.text) ?? .null,
                alert.exitCode.map(SQLiteData.integer) ?? .null, EpochMilliseconds(alert.occurredAt).sqlite,
                .integer(Int(incident)),
            ])
        for delivery in commit.deliveries {
            try await runner.execute(
                """
                INSERT INTO deliveries (incident_id, destination, channel, lane, thread_key, status, attempts, queued_at, next_attempt_at)
                VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                """,
                [
                    .integer(Int(incident)), .text(delivery.lane.destination), delivery.lane.channel.map(SQLiteData.text) ?? .null,
                    .text(delivery.lane.storeKey), delivery.threadKey.map(SQLiteData.text) ?? .null, now, now,
                ])
        }
    }
}
