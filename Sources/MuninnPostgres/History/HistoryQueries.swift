/// The history's SQL, in fixed pieces: user input only ever reaches PostgreSQL as bound values.
enum HistoryQueries {
    /// A JSON field of the alert, or of the detected incident until enrichment; NULL unless it is a `type`.
    static func fromJSON(_ field: String, type: String) -> String {
        """
        coalesce(CASE WHEN jsonb_typeof(incidents.alert -> '\(field)') = '\(type)' THEN incidents.alert ->> '\(field)' END,
            CASE WHEN jsonb_typeof(incidents.incident -> '\(field)') = '\(type)' THEN incidents.incident ->> '\(field)' END)
        """
    }

    /// A restart count too large for BIGINT (only a damaged row holds one) reads as NULL rather than failing the list.
    static let restartCount = """
        CASE WHEN \(fromJSON("restartCount", type: "number"))::numeric BETWEEN -1e15 AND 1e15
            THEN trunc(\(fromJSON("restartCount", type: "number"))::numeric)::bigint END
        """

    /// The columns `SummaryRow` reads.
    static let summaryColumns = """
        incidents.id, incidents.cluster, incidents.kind, incidents.namespace, incidents.pod, incidents.container,
        incidents.reason, incidents.exit_code, incidents.node, incidents.workload_kind, incidents.workload_name,
        incidents.occurred_at, incidents.enriched_at, incidents.suppression,
        \(fromJSON("message", type: "string")) AS message, \(fromJSON("image", type: "string")) AS image,
        \(restartCount) AS restart_count,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'pending') AS deliveries_pending,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'delivered') AS deliveries_delivered,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'failed') AS deliveries_failed
        """

    /// What a search result also needs, to show the line that matched.
    static let searchedTextColumns = """
        CASE WHEN jsonb_typeof(incidents.alert -> 'logs') = 'string' THEN incidents.alert ->> 'logs' END AS logs,
        CASE WHEN jsonb_typeof(incidents.alert -> 'events') = 'array' THEN (incidents.alert -> 'events')::text END AS events
        """

    /// An incident the pipeline is done with: enriched, and no delivery still pending. Only those are pruned.
    static let settled = """
        incidents.enriched_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'pending')
        """

    /// The label a bucket or a workload's breakdown counts under.
    static let reasonLabel = "coalesce(incidents.reason, incidents.kind)"

    static func page(_ filter: HistoryFilter, limit: String, withSearchedText: Bool) -> String {
        """
        SELECT \(summaryColumns)\(withSearchedText ? ", " + searchedTextColumns : "")
        FROM incidents \(filter.whereClause)
        ORDER BY incidents.occurred_at DESC, incidents.id DESC
        LIMIT \(limit)
        """
    }

    static func record(id: String) -> String {
        """
        SELECT \(summaryColumns), incidents.incident::text AS incident_json, incidents.alert::text AS alert_json, incidents.queued_at
        FROM incidents WHERE incidents.id = \(id)
        """
    }

    static func deliveries(incident: String) -> String {
        """
        SELECT id, destination, channel, thread_key, status, attempts::bigint AS attempts, queued_at, next_attempt_at, last_attempt_at, last_error,
            delivered_at, message_id
        FROM deliveries WHERE incident_id = \(incident) ORDER BY id
        """
    }

    /// Buckets start on multiples of `width` (floor division, so times before 1970 fall in the right bucket too).
    static func buckets(_ filter: HistoryFilter, width: String) -> String {
        """
        SELECT incidents.occurred_at - (((incidents.occurred_at % \(width)) + \(width)) % \(width)) AS bucket,
            \(reasonLabel) AS label, count(*) AS n
        FROM incidents \(filter.whereClause)
        GROUP BY 1, 2
        """
    }

    static func workloads(_ filter: HistoryFilter) -> String {
        """
        SELECT incidents.cluster, incidents.namespace, coalesce(incidents.workload_kind, 'Pod') AS workload_kind,
            coalesce(incidents.workload_name, incidents.pod) AS workload_name, \(reasonLabel) AS label, count(*) AS n,
            max(incidents.occurred_at) AS last_occurred_at
        FROM incidents \(filter.whereClause)
        GROUP BY 1, 2, 3, 4, 5
        """
    }

    /// Folds the running total's deltas into one row and returns the total. Run in a transaction.
    static let foldSizes = """
        WITH folded AS (DELETE FROM history_size RETURNING bytes)
        INSERT INTO history_size (bytes) SELECT coalesce(sum(bytes), 0) FROM folded
        RETURNING bytes
        """

    static let totalSize = "SELECT coalesce(sum(bytes), 0)::bigint AS bytes FROM history_size"
}
