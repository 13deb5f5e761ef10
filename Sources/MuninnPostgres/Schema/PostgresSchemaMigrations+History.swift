extension PostgresSchemaMigrations {
    /// What the history needs beyond the outbox: search, a size per incident and in total (for retention by
    /// size), and indexes for the filters the outbox's indexes do not serve.
    ///
    /// Search matches fragments anywhere, case-insensitively, like the SQLite store's FTS5 trigram index:
    /// each incident's searchable text (message, reason, logs, events, pod, container, workload) is kept in
    /// `search_text` by a trigger, and a `pg_trgm` GIN index answers `ILIKE '%fragment%'` from it. A
    /// tsvector would need whole words (`NullPointer` would not find `java.lang.NullPointerException`).
    /// `pg_trgm` ships with PostgreSQL (Debian's `postgresql-contrib`) and is a trusted extension (13+), so
    /// the database's owner can create it; when the server lacks it, migrating stops with an error saying so.
    ///
    /// The running total of sizes is a table of deltas, one row per statement that changed incidents, not
    /// one row every writer updates: several replicas inserting at once would queue (or deadlock) on a single
    /// row. `prune` folds the deltas into one row. JSON values are read defensively: a field of an unexpected
    /// type indexes as empty and never fails a write.
    static let history = PostgresMigration(
        version: 2,
        name: "history: trigram search, sizes, filter indexes",
        statements: [
            """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
                    RAISE EXCEPTION 'Muninn''s incident search needs the PostgreSQL extension pg_trgm, which this server does not have: '
                        'install the server''s contrib package (postgresql-contrib on Debian and Ubuntu) and start Muninn again';
                END IF;
            END
            $$
            """,
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",
            "ALTER TABLE incidents ADD COLUMN size_bytes BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE incidents ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
            """
            CREATE FUNCTION muninn_incident_search_text(incident JSONB, alert JSONB, reason TEXT, pod TEXT, container TEXT,
                workload_kind TEXT, workload_name TEXT) RETURNS TEXT
            LANGUAGE sql IMMUTABLE AS $$
                SELECT concat_ws(E'\\n',
                    coalesce(
                        CASE WHEN jsonb_typeof(alert -> 'message') = 'string' THEN alert ->> 'message' END,
                        CASE WHEN jsonb_typeof(incident -> 'message') = 'string' THEN incident ->> 'message' END),
                    reason,
                    CASE WHEN jsonb_typeof(alert -> 'logs') = 'string' THEN alert ->> 'logs' END,
                    CASE WHEN jsonb_typeof(alert -> 'events') = 'array' THEN
                        (SELECT string_agg(event, E'\\n') FROM jsonb_array_elements_text(alert -> 'events') AS event)
                    END,
                    pod,
                    container,
                    CASE WHEN workload_name IS NOT NULL THEN coalesce(workload_kind || '/', '') || workload_name END)
            $$
            """,
            """
            CREATE FUNCTION muninn_incident_history_columns() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                NEW.size_bytes := octet_length(NEW.incident::text) + coalesce(octet_length(NEW.alert::text), 0);
                NEW.search_text := muninn_incident_search_text(NEW.incident, NEW.alert, NEW.reason, NEW.pod, NEW.container,
                    NEW.workload_kind, NEW.workload_name);
                RETURN NEW;
            END
            $$
            """,
            """
            CREATE TRIGGER incidents_history_columns BEFORE INSERT OR UPDATE ON incidents
            FOR EACH ROW EXECUTE FUNCTION muninn_incident_history_columns()
            """,
            // Fills both columns of the incidents already stored (the trigger runs on this update too).
            "UPDATE incidents SET alert = alert",
            """
            CREATE TABLE history_size (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                bytes BIGINT NOT NULL
            )
            """,
            "INSERT INTO history_size (bytes) SELECT coalesce(sum(size_bytes), 0) FROM incidents",
            """
            CREATE FUNCTION muninn_history_size_inserted() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO history_size (bytes) SELECT sum(size_bytes) FROM new_rows HAVING count(*) > 0;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE FUNCTION muninn_history_size_updated() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO history_size (bytes)
                SELECT delta FROM (SELECT coalesce((SELECT sum(size_bytes) FROM new_rows), 0)
                    - coalesce((SELECT sum(size_bytes) FROM old_rows), 0) AS delta) AS change
                WHERE delta <> 0;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE FUNCTION muninn_history_size_deleted() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO history_size (bytes) SELECT -sum(size_bytes) FROM old_rows HAVING count(*) > 0;
                RETURN NULL;
            END
            $$
            """,
            """
            CREATE TRIGGER incidents_history_size_insert AFTER INSERT ON incidents
            REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muninn_history_size_inserted()
            """,
            """
            CREATE TRIGGER incidents_history_size_update AFTER UPDATE ON incidents
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION muninn_history_size_updated()
            """,
            """
            CREATE TRIGGER incidents_history_size_delete AFTER DELETE ON incidents
            REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION muninn_history_size_deleted()
            """,
            "CREATE INDEX incidents_search ON incidents USING gin (search_text gin_trgm_ops)",
            // Newest first overall and within each filter, with the id as the tie-breaker of the keyset paging.
            "CREATE INDEX incidents_by_time_and_id ON incidents (occurred_at, id)",
            "CREATE INDEX incidents_by_cluster ON incidents (cluster, occurred_at, id)",
            "CREATE INDEX incidents_by_namespace ON incidents (namespace, occurred_at, id)",
            "CREATE INDEX incidents_by_pod_name ON incidents (pod, occurred_at, id)",
            "CREATE INDEX incidents_by_workload_name ON incidents (workload_name, occurred_at, id)",
            "CREATE INDEX incidents_by_container ON incidents (container, occurred_at, id)",
            "CREATE INDEX incidents_by_kind ON incidents (kind, occurred_at, id)",
        ])
}
