import Foundation

/// Where a page ended: the (occurredAt, id) of its last item. The next page holds the incidents strictly
/// older in that order, so pages neither repeat nor skip an item while new incidents arrive.
///
/// Its text form (`1732096800000-42`: milliseconds since the epoch, id) goes in URLs and CLI options.
public struct IncidentCursor: Sendable, Hashable, LosslessStringConvertible {
    /// Milliseconds since the Unix epoch.
    public var occurredAtMilliseconds: Int64
    public var id: Int64

    public init(occurredAtMilliseconds: Int64, id: Int64) {
        self.occurredAtMilliseconds = occurredAtMilliseconds
        self.id = id
    }

    /// The cursor after `summary`.
    public init(after summary: IncidentSummary) {
        self.init(occurredAtMilliseconds: Int64((summary.occurredAt.timeIntervalSince1970 * 1000).rounded()), id: summary.id)
    }

    /// Reads the text form; nil for anything else.
    public init?(_ description: String) {
        // The time may be negative (before 1970), so the separator is the last '-'.
        guard let dash = description.lastIndex(of: "-"), dash != description.startIndex,
            let milliseconds = Int64(description[..<dash]), let id = Int64(description[description.index(after: dash)...]), id >= 0
        else { return nil }
        self.init(occurredAtMilliseconds: milliseconds, id: id)
    }

    public var description: String { "\(occurredAtMilliseconds)-\(id)" }
}
