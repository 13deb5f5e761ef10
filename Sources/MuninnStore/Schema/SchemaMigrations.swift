/// Every migration Muninn knows, oldest first. Never edit a released one: add the next version.
enum SchemaMigrations {
    static let all: [Migration] = [outbox, history, changes, backgroundSearch]

    /// The newest version this Muninn understands; a database at a higher version was written by a newer Muninn.
    static var latestVersion: Int { all.last?.version ?? 0 }

    /// Dates are INTEGER milliseconds since the Unix epoch; JSON columns hold the Codable values as
    /// Foundation's JSONEncoder writes them.
    static let outbox = Migration(
        version: 1,
        name: "outbox: detector memory, incidents, deliveries",
        statements: [
            // A row means the cluster's detector memory was saved at least once: a saved memory with no pods
            // is not a first start.
            """
            CREATE TABLE clusters (
                name TEXT NOT NULL PRIMARY KEY
            ) WITHOUT ROWID
            """,
            """
            CREATE TABLE detection_pods (
                cluster TEXT NOT NULL REFERENCES clusters (name) ON DELETE CASCADE,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                record TEXT NOT NULL,
                PRIMARY KEY (cluster, namespace, name)
            ) WITHOUT ROWID
            """,
            // AUTOINCREMENT: ids are never reused, even after retention prunes the newest rows, so they
            // stay increasing in queue order.
            """
            CREATE TABLE incidents (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                cluster TEXT NOT NULL,
                identity TEXT NOT NULL,
                kind TEXT NOT NULL,
                namespace TEXT NOT NULL,
                pod TEXT NOT NULL,
                pod_uid TEXT NOT NULL,
                container TEXT,
                reason TEXT,
                exit_code INTEGER,
                node TEXT,
                workload_kind TEXT,
                workload_name TEXT,
                occurred_at INTEGER NOT NULL,
                queued_at INTEGER NOT NULL,
                enriched_at INTEGER,
                incident TEXT NOT NULL,
                alert TEXT,
                suppression TEXT,
                UNIQUE (cluster, identity)
            )
            """,
            // The enrichment queue: only unenriched rows are in this index, so it stays small.
            "CREATE INDEX incidents_awaiting_enrichment ON incidents (id) WHERE enriched_at IS NULL",
            // For the history's filters (issue 4): time ranges, alone or within a namespace, pod, workload or reason.
            "CREATE INDEX incidents_by_time ON incidents (occurred_at)",
            "CREATE INDEX incidents_by_pod ON incidents (cluster, namespace, pod, occurred_at)",
            "CREATE INDEX incidents_by_workload ON incidents (cluster, namespace, workload_kind, workload_name, occurred_at)",
            "CREATE INDEX incidents_by_reason ON incidents (reason, occurred_at)",
            """
            CREATE TABLE deliveries (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
                destination TEXT NOT NULL,
                channel TEXT,
                lane TEXT NOT NULL,
                thread_key TEXT,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                queued_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                last_attempt_at INTEGER,
                last_error TEXT,
                delivered_at INTEGER,
                message_id TEXT,
                receipt TEXT
            )
            """,
            // Head of each lane: the pending delivery with the smallest id.
            "CREATE INDEX deliveries_pending_by_lane ON deliveries (lane, id) WHERE status = 'pending'",
            // Pending deliveries by due time, for the due scan and the next wake-up.
            "CREATE INDEX deliveries_pending_by_due ON deliveries (next_attempt_at) WHERE status = 'pending'",
            // Thread parents: the latest delivered message of a conversation in a lane.
            "CREATE INDEX deliveries_thread_parents ON deliveries (lane, thread_key, delivered_at) WHERE status = 'delivered'",
            // Deliveries of one incident (detail page, cascading deletes).
            "CREATE INDEX deliveries_by_incident ON deliveries (incident_id)",
        ])
}
