/// What the watcher process has reported so far (`started|synced|events <count> <ns>` lines).
struct WatchProgress {
    private var follower: OutputFollower
    private(set) var startedAt: UInt64?
    private(set) var synced: (count: Int, at: UInt64)?
    private(set) var latest: (count: Int, at: UInt64)?
    private var reports: [(count: Int, at: UInt64)] = []

    init(path: String) { follower = OutputFollower(path: path) }

    mutating func poll() {
        for line in follower.poll() {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let count = Int(fields[1]), let at = UInt64(fields[2]) else { continue }
            switch fields[0] {
            case "started": startedAt = at
            case "synced": synced = (count, at)
            default:
                latest = (count, at)
                reports.append((count, at))
            }
        }
    }

    /// The first report at or beyond `count` events.
    func first(reaching count: Int) -> (count: Int, at: UInt64)? {
        reports.first { $0.count >= count }
    }
}
