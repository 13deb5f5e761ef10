/// The log part of an alert: the text, or why there is none.
struct LogResult: Sendable, Equatable {
    var text: String?
    var unavailableReason: String?
}
