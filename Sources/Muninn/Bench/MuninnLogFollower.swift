import KubeJSON

/// Reads `muninn run`'s JSON log (one object per line, `msg` and the fields) as it grows, for the moments the
/// soak waits for: the pod list in sync, each change watch scope in sync, and the dashboard's address.
struct MuninnLogFollower {
    private var follower: OutputFollower
    private(set) var podListSyncedAt: UInt64?
    private(set) var changeScopesInSync = 0
    private(set) var dashboardURL: String?
    /// The last lines at `error` or `critical`, for the report when something fails.
    private(set) var errors: [String] = []

    init(path: String) { follower = OutputFollower(path: path) }

    mutating func poll() {
        for line in follower.poll() {
            guard let entry = try? JSONValue(parsing: Array(line.utf8)), let message = entry["msg"]?.stringValue else { continue }
            switch message {
            case "pod list in sync":
                if podListSyncedAt == nil { podListSyncedAt = MonotonicTime.nanoseconds() }
            case "change watch in sync":
                changeScopesInSync += 1
            case "dashboard":
                dashboardURL = entry["url"]?.stringValue
            default:
                break
            }
            if let level = entry["level"]?.stringValue, level == "error" || level == "critical" {
                errors = Array((errors + [line]).suffix(5))
            }
        }
    }
}
