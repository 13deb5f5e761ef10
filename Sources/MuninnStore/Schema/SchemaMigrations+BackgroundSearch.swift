extension SchemaMigrations {
    /// Takes the full-text index off the alert's commit. Until version 3 the triggers wrote each incident into
    /// `incident_search` in the transaction that stored it, twice per alert (once detected, once enriched): the trigram
    /// index's flush and merge in every commit was about 7% of Muninn's CPU during a crash burst, and the trigger
    /// made every insert and update of an incident slower to prepare.
    ///
    /// Now a trigger only notes the incident in `incident_search_pending` (a B-tree insert), and the index catches up
    /// in large batches later (`SQLiteStore.indexPendingSearch`): from the background `SearchIndexService`, and
    /// always before a search, so a search never misses a stored incident. `indexed` says whether the index still holds
    /// an older version of the row, which the catch-up must delete first. Sizes stay exact in every write, as before.
    /// Stores of earlier versions have every row indexed already: nothing is pending after the upgrade.
    static let backgroundSearch = Migration(
        version: 4,
        name: "history: search index kept in the background",
        statements: [
            """
            CREATE TABLE incident_search_pending (
                id INTEGER NOT NULL PRIMARY KEY,
                indexed INTEGER NOT NULL
            )
            """,
            "DROP TRIGGER incidents_history_insert",
            "DROP TRIGGER incidents_history_update",
            "DROP TRIGGER incidents_history_delete",
            """
            CREATE TRIGGER incidents_history_insert AFTER INSERT ON incidents BEGIN
                UPDATE incidents SET size_bytes = \(size("NEW")) WHERE id = NEW.id;
                UPDATE history_size SET bytes = bytes + \(size("NEW"));
                INSERT OR IGNORE INTO incident_search_pending (id, indexed) VALUES (NEW.id, 0);
            END
            """,
            // A row still pending keeps its `indexed` (0 when the index never saw it); one not pending is in the index.
            """
            CREATE TRIGGER incidents_history_update
            AFTER UPDATE OF incident, alert, reason, pod, container, workload_kind, workload_name ON incidents BEGIN
                UPDATE history_size SET bytes = bytes - OLD.size_bytes + \(size("NEW"));
                UPDATE incidents SET size_bytes = \(size("NEW")) WHERE id = NEW.id;
                INSERT OR IGNORE INTO incident_search_pending (id, indexed) VALUES (NEW.id, 1);
            END
            """,
            // The pending row of a deleted incident is left to the catch-up, which drops it: one trigger deciding on it
            // and another deleting it would depend on the order SQLite fires them in, which it does not promise.
            """
            CREATE TRIGGER incidents_history_delete AFTER DELETE ON incidents BEGIN
                UPDATE history_size SET bytes = bytes - OLD.size_bytes;
            END
            """,
            """
            CREATE TRIGGER incidents_search_delete AFTER DELETE ON incidents
            WHEN NOT EXISTS (SELECT 1 FROM incident_search_pending WHERE id = OLD.id AND indexed = 0) BEGIN
                DELETE FROM incident_search WHERE rowid = OLD.id;
            END
            """,
        ])

    /// Bytes an incident row holds in its JSON columns, as migration 2 counts them. Frozen with migration 4: do not change.
    private static func size(_ row: String) -> String {
        "(length(CAST(\(row).incident AS BLOB)) + coalesce(length(CAST(\(row).alert AS BLOB)), 0))"
    }
}
