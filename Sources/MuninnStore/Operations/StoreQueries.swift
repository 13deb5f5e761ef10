/// The queries on the hot paths, named so tests can check their plans (`EXPLAIN QUERY PLAN`) use indexes.
enum StoreQueries {
    /// The head of each lane: its pending delivery queued first. Read from the partial index of pending
    /// deliveries, so the cost follows what is pending, not the delivery history.
    static let laneHeads = "SELECT min(id) AS id FROM deliveries WHERE status = 'pending' GROUP BY lane"

    /// Binds: limit.
    static let awaitingEnrichment = """
        SELECT id, cluster, incident, queued_at FROM incidents INDEXED BY incidents_awaiting_enrichment
        WHERE enriched_at IS NULL ORDER BY id LIMIT ?
        """

    /// Binds: now, limit.
    static let dueDeliveries = dueDeliveries(excluding: 0)

    /// Binds: now, limit, then `excluding` delivery ids passed over as if no longer pending.
    static func dueDeliveries(excluding count: Int) -> String {
        let heads =
            count == 0
            ? laneHeads
            : "SELECT min(id) AS id FROM deliveries WHERE status = 'pending' AND id NOT IN ("
                + (3..<(3 + count)).map { "?\($0)" }.joined(separator: ", ") + ") GROUP BY lane"
        return """
            SELECT d.id, d.destination, d.channel, d.thread_key, d.attempts, d.queued_at, d.next_attempt_at, d.last_error, i.alert
            FROM (\(heads)) AS heads
            JOIN deliveries AS d ON d.id = heads.id
            JOIN incidents AS i ON i.id = d.incident_id
            WHERE d.next_attempt_at <= ?1
            ORDER BY d.id
            LIMIT ?2
            """
    }

    /// The earliest due time among lane heads only: a later delivery in a lane cannot go before its head,
    /// so counting it would wake the delivery loop for nothing, again and again.
    static let nextDeliveryDue = "SELECT min(d.next_attempt_at) FROM (\(laneHeads)) AS heads JOIN deliveries AS d ON d.id = heads.id"

    /// Lane heads by due time, to skip the lanes being sent on. Binds: limit.
    static let lanesByDueTime = """
        SELECT d.lane, d.next_attempt_at FROM (\(laneHeads)) AS heads JOIN deliveries AS d ON d.id = heads.id
        ORDER BY d.next_attempt_at, d.id LIMIT ?
        """

    /// Binds: lane key, thread key, since.
    static let threadParent = """
        SELECT message_id FROM deliveries
        WHERE status = 'delivered' AND lane = ? AND thread_key = ? AND delivered_at >= ? AND message_id IS NOT NULL
        ORDER BY delivered_at DESC, id DESC
        LIMIT 1
        """
}
