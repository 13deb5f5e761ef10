/// A top-level message, which replies may name as their `thread_ts`.
struct ParentKey: Hashable, Sendable {
    var channel: String
    var ts: String
}
