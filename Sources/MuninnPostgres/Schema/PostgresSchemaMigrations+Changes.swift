extension PostgresSchemaMigrations {
    /// The change watch: every reported manifest change (the history's timeline) and the baseline each watched
    /// object is diffed against, as in the SQLite store. The diff is JSONB; the manifest is TEXT as KubeJSON writes
    /// it, so it reads back exactly (JSONB would reorder its keys).
    static let changes = PostgresMigration(
        version: 3,
        name: "change watch: changes and baselines",
        statements: [
            """
            CREATE TABLE changes (
                id TEXT NOT NULL PRIMARY KEY,
                cluster TEXT NOT NULL,
                resource TEXT NOT NULL,
                kind TEXT NOT NULL,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                uid TEXT,
                action TEXT NOT NULL,
                observed_at BIGINT NOT NULL,
                while_stopped BOOLEAN NOT NULL,
                workload_kind TEXT,
                workload_name TEXT,
                changed_by TEXT,
                diff JSONB NOT NULL
            )
            """,
            // A workload's changes before a crash, and a workload's timeline.
            "CREATE INDEX changes_by_workload ON changes (cluster, namespace, workload_kind, workload_name, observed_at)",
            // One object's changes (any kind), and the newest changes overall (retention prunes by it too).
            "CREATE INDEX changes_by_object ON changes (cluster, namespace, kind, name, observed_at)",
            "CREATE INDEX changes_by_time ON changes (observed_at)",
            """
            CREATE TABLE change_baselines (
                cluster TEXT NOT NULL,
                resource TEXT NOT NULL,
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                uid TEXT,
                resource_version TEXT,
                manifest TEXT NOT NULL,
                PRIMARY KEY (cluster, resource, namespace, name)
            )
            """,
        ])
}
