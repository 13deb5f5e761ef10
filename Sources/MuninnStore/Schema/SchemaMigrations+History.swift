extension SchemaMigrations {
    /// What the history needs beyond the outbox: full-text search, a size per incident and in total (for
    /// retention by size), and indexes for each filter on its own.
    ///
    /// The search index is an FTS5 table with the trigram tokenizer: any fragment of three or more
    /// characters matches anywhere, case-insensitively, so `NullPointerExc`, `nil pointer dereference` or
    /// `FooServiceException` (inside `com.acme.FooServiceException`) are found where a word tokenizer
    /// (unicode61) would need whole words. It is contentless (the text lives in `incidents`), with
    /// `contentless_delete` so rows can be deleted by id alone; triggers keep it, and the sizes, in step with
    /// `incidents` whichever code writes there. JSON that cannot be parsed indexes as empty, never fails a write.
    static let history = Migration(
        version: 2,
        name: "history: search index, sizes, filter indexes",
        statements: [
            "ALTER TABLE incidents ADD COLUMN size_bytes INTEGER NOT NULL DEFAULT 0",
            "UPDATE incidents SET size_bytes = \(size("incidents"))",
            // One row: the total of size_bytes, so a prune knows how much to remove without reading every incident.
            """
            CREATE TABLE history_size (
                singleton INTEGER NOT NULL PRIMARY KEY CHECK (singleton = 1),
                bytes INTEGER NOT NULL
            )
            """,
            "INSERT INTO history_size (singleton, bytes) SELECT 1, coalesce(sum(size_bytes), 0) FROM incidents",
            """
            CREATE VIRTUAL TABLE incident_search USING fts5(
                message, reason, logs, events, pod, container, workload,
                content = '', contentless_delete = 1, tokenize = 'trigram'
            )
            """,
            """
            INSERT INTO incident_search (rowid, message, reason, logs, events, pod, container, workload)
            SELECT \(searchValues("incidents")) FROM incidents
            """,
            """
            CREATE TRIGGER incidents_history_insert AFTER INSERT ON incidents BEGIN
                UPDATE incidents SET size_bytes = \(size("NEW")) WHERE id = NEW.id;
                UPDATE history_size SET bytes = bytes + \(size("NEW"));
                INSERT INTO incident_search (rowid, message, reason, logs, events, pod, container, workload) VALUES (\(searchValues("NEW")));
            END
            """,
            """
            CREATE TRIGGER incidents_history_update
            AFTER UPDATE OF incident, alert, reason, pod, container, workload_kind, workload_name ON incidents BEGIN
                UPDATE history_size SET bytes = bytes - OLD.size_bytes + \(size("NEW"));
                UPDATE incidents SET size_bytes = \(size("NEW")) WHERE id = NEW.id;
                DELETE FROM incident_search WHERE rowid = OLD.id;
                INSERT INTO incident_search (rowid, message, reason, logs, events, pod, container, workload) VALUES (\(searchValues("NEW")));
            END
            """,
            """
            CREATE TRIGGER incidents_history_delete AFTER DELETE ON incidents BEGIN
                UPDATE history_size SET bytes = bytes - OLD.size_bytes;
                DELETE FROM incident_search WHERE rowid = OLD.id;
            END
            """,
            // Each filter on its own, newest first within it (the rowid, i.e. id, is the index's last column).
            "CREATE INDEX incidents_by_cluster ON incidents (cluster, occurred_at)",
            "CREATE INDEX incidents_by_namespace ON incidents (namespace, occurred_at)",
            "CREATE INDEX incidents_by_pod_name ON incidents (pod, occurred_at)",
            "CREATE INDEX incidents_by_workload_name ON incidents (workload_name, occurred_at)",
            "CREATE INDEX incidents_by_container ON incidents (container, occurred_at)",
            "CREATE INDEX incidents_by_kind ON incidents (kind, occurred_at)",
        ])

    /// Bytes an incident row holds in its JSON columns. Frozen with migration 2: do not change.
    private static func size(_ row: String) -> String {
        "(length(CAST(\(row).incident AS BLOB)) + coalesce(length(CAST(\(row).alert AS BLOB)), 0))"
    }

    /// rowid and the indexed texts of `row`. Frozen with migration 2: do not change.
    private static func searchValues(_ row: String) -> String {
        let alert = "CASE WHEN json_valid(\(row).alert) THEN \(row).alert END"
        let incident = "CASE WHEN json_valid(\(row).incident) THEN \(row).incident END"
        return """
            \(row).id,
            coalesce(json_extract(\(alert), '$.message'), json_extract(\(incident), '$.message')),
            \(row).reason,
            json_extract(\(alert), '$.logs'),
            (SELECT group_concat(value, char(10)) FROM json_each(coalesce(\(alert), '{}'), '$.events')),
            \(row).pod,
            \(row).container,
            CASE WHEN \(row).workload_name IS NOT NULL THEN coalesce(\(row).workload_kind || '/', '') || \(row).workload_name END
            """
    }
}
