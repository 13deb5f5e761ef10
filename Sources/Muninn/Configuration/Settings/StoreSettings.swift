/// `store:`: where the outbox, the detector's memory and the history live.
struct StoreSettings: Equatable {
    /// An SQLite file. Relative paths are relative to the working directory: `muninn.db` works for
    /// a local run without privileges; in a pod, point it at a mounted volume
    /// (`/var/lib/muninn/muninn.db`) or state is lost with the pod.
    var path: String = "muninn.db"
}
