/// The history's SQL, in fixed pieces: user input only ever reaches SQLite as bound values.
enum HistoryQueries {
    /// The alert and incident JSON, or NULL when damaged, so one bad row cannot fail a whole list.
    static let validAlert = "CASE WHEN json_valid(incidents.alert) THEN incidents.alert END"
    static let validIncident = "CASE WHEN json_valid(incidents.incident) THEN incidents.incident END"

    static func fromJSON(_ path: String) -> String {
        "coalesce(json_extract(\(validAlert), '$.\(path)'), json_extract(\(validIncident), '$.\(path)'))"
    }

    /// The columns `SummaryRow` reads.
    static let summaryColumns = """
        incidents.id, incidents.cluster, incidents.kind, incidents.namespace, incidents.pod, incidents.container,
        incidents.reason, incidents.exit_code, incidents.node, incidents.workload_kind, incidents.workload_name,
        incidents.occurred_at, incidents.enriched_at, incidents.suppression,
        \(fromJSON("message")) AS message, \(fromJSON("image")) AS image, \(fromJSON("restartCount")) AS restart_count,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'pending') AS deliveries_pending,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'delivered') AS deliveries_delivered,
        (SELECT count(*) FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'failed') AS deliveries_failed
        """

    /// What a search result also needs, to show the line that matched.
    static let searchedTextColumns = """
        json_extract(\(validAlert), '$.logs') AS logs, json_extract(\(validAlert), '$.events') AS events
        """

    /// Everything the search index holds for a row, lower-cased, for words too short for the trigram index.
    static let searchedText = """
        lower(coalesce(\(fromJSON("message")), '') || char(10) || coalesce(incidents.reason, '') || char(10)
            || coalesce(json_extract(\(validAlert), '$.logs'), '') || char(10)
            || coalesce((SELECT group_concat(value, char(10)) FROM json_each(coalesce(\(validAlert), '{}'), '$.events')), '') || char(10)
            || incidents.pod || char(10) || coalesce(incidents.container, '') || char(10)
            || coalesce(incidents.workload_kind || '/', '') || coalesce(incidents.workload_name, ''))
        """

    /// An incident the pipeline is done with: enriched, and no delivery still pending. Only those are pruned.
    static let settled = """
        incidents.enriched_at IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.incident_id = incidents.id AND deliveries.status = 'pending')
        """

    /// The label a bucket or a workload's breakdown counts under.
    static let reasonLabel = "coalesce(incidents.reason, incidents.kind)"

    /// Binds: the filter's, then the limit.
    static func page(_ filter: HistoryFilter, withSearchedText: Bool) -> String {
        """
        SELECT \(summaryColumns)\(withSearchedText ? ", " + searchedTextColumns : "")
        FROM incidents \(filter.whereClause)
        ORDER BY incidents.occurred_at DESC, incidents.id DESC
        LIMIT ?
        """
    }

    /// Binds: id.
    static let record = """
        SELECT \(summaryColumns), incidents.incident AS incident_json, incidents.alert AS alert_json, incidents.queued_at
        FROM incidents WHERE incidents.id = ?
        """

    /// Binds: incident id.
    static let deliveries = """
        SELECT id, destination, channel, thread_key, status, attempts, queued_at, next_attempt_at, last_attempt_at, last_error,
            delivered_at, message_id
        FROM deliveries WHERE incident_id = ? ORDER BY id
        """

    /// Binds: bucket milliseconds, twice, then the filter's.
    static func buckets(_ filter: HistoryFilter) -> String {
        """
        SELECT (incidents.occurred_at / ?) * ? AS bucket, \(reasonLabel) AS label, count(*) AS n
        FROM incidents \(filter.whereClause)
        GROUP BY bucket, label
        """
    }

    /// Binds: the filter's.
    static func workloads(_ filter: HistoryFilter) -> String {
        """
        SELECT incidents.cluster, incidents.namespace, coalesce(incidents.workload_kind, 'Pod') AS workload_kind,
            coalesce(incidents.workload_name, incidents.pod) AS workload_name, \(reasonLabel) AS label, count(*) AS n,
            max(incidents.occurred_at) AS last_occurred_at
        FROM incidents \(filter.whereClause)
        GROUP BY 1, 2, 3, 4, 5
        """
    }
}
