/// Which bucket starts a chart shows: every bucket from the first to the last, widened to the query's range
/// when it has one, so empty hours or days appear as zero. A range too long to draw keeps only the buckets with data.
/// Shared by the stores (`package`), so both fill gaps the same way.
package enum BucketRange {
    package static let maximumBuckets = 10_000

    package static func starts(present: [Int], since: Int?, until: Int?, width: Int) -> [Int] {
        func floor(_ value: Int) -> Int { value - ((value % width) + width) % width }
        let sorted = present.sorted()
        let first = [since.map(floor), sorted.first].compactMap { $0 }.min()
        // `until` is exclusive: the last bucket is the one holding the moment just before it.
        let last = [until.map { floor($0 - 1) }, sorted.last].compactMap { $0 }.max()
        guard let first, let last, first <= last else { return sorted }
        let count = (last - first) / width + 1
        guard count <= maximumBuckets else { return sorted }
        return (0..<count).map { first + $0 * width }
    }
}
