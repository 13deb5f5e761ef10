/// The statements that bring the full-text index (`incident_search`) up to date with `incidents`, a batch of
/// pending incidents at a time (migration 4). Each takes the batch's last pending id as its one bind.
enum SearchIndexQueries {
    /// The last id of the next batch. Binds: batch size.
    static let batchEnd = "SELECT max(id) FROM (SELECT id FROM incident_search_pending ORDER BY id LIMIT ?)"

    /// Removes the indexed older versions of the batch's incidents that were changed since. A deleted incident's entry
    /// went with it (trigger `incidents_search_delete`), so only incidents still stored are looked at.
    static let removeOutdated = """
        DELETE FROM incident_search WHERE rowid IN (
            SELECT p.id FROM incident_search_pending AS p JOIN incidents AS i ON i.id = p.id WHERE p.indexed = 1 AND p.id <= ?
        )
        """

    /// Indexes the batch's incidents as they are now.
    static let insertCurrent = """
        INSERT INTO incident_search (rowid, message, reason, logs, events, pod, container, workload)
        SELECT \(indexedValues) FROM incidents WHERE id IN (SELECT id FROM incident_search_pending WHERE id <= ?)
        """

    /// Ends the batch; returns one row per pending incident it covered.
    static let clearBatch = "DELETE FROM incident_search_pending WHERE id <= ? RETURNING id"

    /// The newest incident waiting for the index, if any.
    static let newestPending = "SELECT max(id) FROM incident_search_pending"

    /// The newest pending incident the background catch-up takes: the ones before the oldest incident still awaiting
    /// enrichment. An incident is written twice (detected, then enriched moments later): indexing it in between would
    /// index it twice and leave a deletion in the index.
    static let newestSettledPending = """
        SELECT max(id) FROM incident_search_pending
        WHERE id < coalesce((SELECT min(id) FROM incidents INDEXED BY incidents_awaiting_enrichment WHERE enriched_at IS NULL), 9223372036854775807)
        """

    /// How many incidents wait for the index.
    static let backlog = "SELECT count(*) FROM incident_search_pending"

    /// rowid and the indexed texts of an `incidents` row; the same texts migration 2 indexed. JSON that cannot be
    /// parsed indexes as empty, never fails the batch.
    private static let indexedValues = """
        incidents.id,
        coalesce(json_extract(\(validJSON("alert")), '$.message'), json_extract(\(validJSON("incident")), '$.message')),
        incidents.reason,
        json_extract(\(validJSON("alert")), '$.logs'),
        (SELECT group_concat(value, char(10)) FROM json_each(coalesce(\(validJSON("alert")), '{}'), '$.events')),
        incidents.pod,
        incidents.container,
        CASE WHEN incidents.workload_name IS NOT NULL
            THEN coalesce(incidents.workload_kind || '/', '') || incidents.workload_name END
        """

    private static func validJSON(_ column: String) -> String {
        "CASE WHEN json_valid(incidents.\(column)) THEN incidents.\(column) END"
    }
}
