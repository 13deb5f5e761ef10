import PostgresNIO

/// The queries on the hot paths, named so tests can check their plans (`EXPLAIN`) use indexes.
enum PostgresQueries {
    /// The head of each lane: its pending delivery queued first. Read from the partial index of pending
    /// deliveries, so the cost follows what is pending, not the delivery history.
    static let laneHeads = "SELECT min(id) AS id FROM deliveries WHERE status = 'pending' GROUP BY lane"

    static func awaitingEnrichment(limit: Int) -> PostgresQuery {
        """
        SELECT id, cluster, incident, queued_at FROM incidents
        WHERE enriched_at IS NULL ORDER BY id LIMIT \(Int64(limit))
        """
    }

    /// Lane heads passing over the deliveries in `inFlight` (sent, their outcome still being recorded).
    static func dueDeliveries(now: EpochMilliseconds, limit: Int, excluding inFlight: [Int64] = []) -> PostgresQuery {
        """
        SELECT d.id, d.destination, d.channel, d.thread_key, d.attempts::BIGINT AS attempts, d.queued_at, d.next_attempt_at,
            d.last_error, i.alert
        FROM (
            SELECT min(id) AS id FROM deliveries WHERE status = 'pending' AND id <> ALL(\(inFlight)::BIGINT[]) GROUP BY lane
        ) AS heads
        JOIN deliveries AS d ON d.id = heads.id
        JOIN incidents AS i ON i.id = d.incident_id
        WHERE d.next_attempt_at <= \(now.value)
        ORDER BY d.id
        LIMIT \(Int64(limit))
        """
    }

    /// The earliest due time among lane heads only: a later delivery in a lane cannot go before its head,
    /// so counting it would wake the delivery loop for nothing, again and again.
    static let nextDeliveryDue: PostgresQuery = """
        SELECT min(d.next_attempt_at) AS due FROM (\(unescaped: laneHeads)) AS heads JOIN deliveries AS d ON d.id = heads.id
        """

    /// Lane heads by due time, to skip the lanes being sent on.
    static func lanesByDueTime(limit: Int) -> PostgresQuery {
        """
        SELECT d.lane, d.next_attempt_at AS due FROM (\(unescaped: laneHeads)) AS heads JOIN deliveries AS d ON d.id = heads.id
        ORDER BY d.next_attempt_at, d.id LIMIT \(limit)
        """
    }

    static func threadParent(lane: String, threadKey: String, since: EpochMilliseconds) -> PostgresQuery {
        """
        SELECT message_id FROM deliveries
        WHERE status = 'delivered' AND lane = \(lane) AND thread_key = \(threadKey) AND delivered_at >= \(since.value)
            AND message_id IS NOT NULL
        ORDER BY delivered_at DESC, id DESC
        LIMIT 1
        """
    }
}
