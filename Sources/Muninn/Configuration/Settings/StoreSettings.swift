/// `store:`: where the outbox, the detector's memory and the history live.
struct StoreSettings: Equatable {
    /// An SQLite file. Relative paths are relative to the working directory: `muninn.db` works for
    /// a local run without privileges; in a pod, point it at a mounted volume
    /// (`/var/lib/muninn/muninn.db`) or state is lost with the pod.
    var path: String = "muninn.db"
    /// Incidents older than this are pruned (`store.retention.maxAge`, default 30 days; `off` keeps them).
    var retentionMaxAge: Duration? = .seconds(30 * 24 * 3600)
    /// The history is pruned, oldest first, to stay under this many bytes of incidents and logs
    /// (`store.retention.maxBytes`, default 1 GiB; `0` lifts the cap).
    var retentionMaxBytes: Int? = 1 << 30
}
