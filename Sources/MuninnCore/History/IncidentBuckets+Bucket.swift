import Foundation

extension IncidentBuckets {
    /// The incidents of one hour or day.
    public struct Bucket: Sendable, Hashable {
        public var start: Date
        /// Most frequent reason first.
        public var counts: [ReasonCount]

        public init(start: Date, counts: [ReasonCount]) {
            self.start = start
            self.counts = counts
        }

        public var total: Int { counts.reduce(0) { $0 + $1.count } }
    }
}
