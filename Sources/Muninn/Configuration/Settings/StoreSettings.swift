/// `store:`: where the outbox, the detector's memory and the history live.
struct StoreSettings: Equatable {
    /// An SQLite file. Relative paths are relative to the working directory: `muninn.db` works for
    /// a local run without privileges; in a pod, point it at a mounted volume
    /// (`/var/lib/muninn/muninn.db`) or state is lost with the pod.
    var path: String = "muninn.db"
    /// A PostgreSQL DSN (`store.dsn` / `store.dsnFile`, or `MUNINN_STORE_DSN`): when set, the outbox and the
    /// history live there instead of the SQLite file, shared by several clusters and replicas. It holds a password,
    /// so it is a secret.
    var postgresDSN: SecretValue?
    /// Incidents older than this are pruned (`store.retention.maxAge`, default 30 days; `off` keeps them).
    var retentionMaxAge: Duration? = .seconds(30 * 24 * 3600)
    /// The history is pruned, oldest first, to stay under this many bytes of incidents and logs
    /// (`store.retention.maxBytes`, default 1 GiB; `0` lifts the cap).
    var retentionMaxBytes: Int? = 1 << 30
}
