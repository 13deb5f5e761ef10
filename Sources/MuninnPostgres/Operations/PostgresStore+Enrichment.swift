import Foundation
import Logging
import MuninnCore
import PostgresNIO

extension PostgresStore {
    public func incidentsAwaitingEnrichment(limit: Int) async throws(StoreError) -> [QueuedIncident] {
        guard limit > 0 else { return [] }
        return try await perform("could not read the incidents awaiting enrichment") { database in
            let rows = try await database.withConnection { runner in
                try await runner.rows(PostgresQueries.awaitingEnrichment(limit: limit))
            }
            let json = StoredJSON()
            var queued: [QueuedIncident] = []
            var unreadable: [(id: Int64, error: String)] = []
            for row in rows.map(StoredRow.init) {
                let id = try row.integer("id")
                do {
                    let incident = try json.value(Incident.self, from: try row.text("incident"))
                    queued.append(
                        QueuedIncident(id: id, cluster: try row.text("cluster"), incident: incident, queuedAt: try row.date("queued_at")))
                } catch {
                    unreadable.append((id, "\(error)"))
                }
            }
            if !unreadable.isEmpty {
                try await setAside(unreadable, database: database)
            }
            return queued
        }
    }

    /// Takes unreadable incidents out of the queue (kept, with the reason as their suppression) so they
    /// cannot block the incidents behind them forever.
    private func setAside(_ unreadable: [(id: Int64, error: String)], database: PooledDatabase) async throws {
        let logger = logger
        try await database.transaction { runner in
            for (id, error) in unreadable {
                logger.error("setting aside an unreadable queued incident", metadata: ["incident": "\(id)", "error": "\(error)"])
                let reason = StorableText.text(ErrorText.capped("unreadable incident record: \(error)"))
                try await runner.execute(
                    """
                    UPDATE incidents SET enriched_at = queued_at, suppression = \(reason)
                    WHERE id = \(id) AND enriched_at IS NULL
                    """)
            }
        }
    }

    public func commitAlert(incident: QueuedIncident.ID, alert: Alert, deliveries: [PlannedDelivery], suppression: String?, at: Date)
        async throws(StoreError)
    {
        try await commitAlerts([AlertCommit(incident: incident, alert: alert, deliveries: deliveries, suppression: suppression, at: at)])
    }

    /// All in one transaction: one round trip to commit, one wait for the server's disk, for the whole batch.
    public func commitAlerts(_ commits: [AlertCommit]) async throws(StoreError) {
        guard !commits.isEmpty else { return }
        try await perform(commits.storeAction) { database in
            let encoded = try commits.map { ($0, try StoredJSON.text($0.alert)) }
            let logger = logger
            try await database.transaction { runner in
                for (commit, alertJSON) in encoded { try await Self.write(commit, alertJSON: alertJSON, runner: runner, logger: logger) }
            }
        }
    }

    private static func write(_ commit: AlertCommit, alertJSON: String, runner: QueryRunner, logger: Logger) async throws {
        let incident = commit.incident
        let alert = commit.alert
        let deliveries = commit.deliveries
        let suppression = commit.suppression
        let now = EpochMilliseconds(commit.at).value
        let text = StorableText.self
        // Only an incident still waiting takes the alert. A second caller (a replay after a crash, or another
        // replica) waits for the first one's row lock, then finds it enriched and changes nothing.
        let enriched = try await runner.rows(
            """
            UPDATE incidents SET alert = \(alertJSON)::jsonb, enriched_at = \(now), suppression = \(text.text(suppression)),
                workload_kind = \(text.text(alert.workload?.kind)), workload_name = \(text.text(alert.workload?.name)),
                node = coalesce(\(text.text(alert.node)), node), reason = coalesce(\(text.text(alert.reason)), reason),
                exit_code = coalesce(\(alert.exitCode.map(Int64.init)), exit_code),
                occurred_at = \(EpochMilliseconds(alert.occurredAt).value)
            WHERE id = \(incident) AND enriched_at IS NULL
            RETURNING id
            """)
        guard !enriched.isEmpty else {
            if try await runner.rows("SELECT 1 FROM incidents WHERE id = \(incident)").isEmpty {
                // Pruned by retention while it was being enriched, or never queued: nothing to attach the alert to.
                logger.warning("ignoring an alert for an incident that is not in the store", metadata: ["incident": "\(incident)"])
            }
            return
        }
        for delivery in deliveries {
            try await runner.execute(
                """
                INSERT INTO deliveries (incident_id, destination, channel, lane, thread_key, status, attempts, queued_at, next_attempt_at)
                VALUES (\(incident), \(text.text(delivery.lane.destination)), \(text.text(delivery.lane.channel)),
                    \(delivery.lane.storeKey), \(text.text(delivery.threadKey)), 'pending', 0, \(now), \(now))
                """)
        }
    }
}
