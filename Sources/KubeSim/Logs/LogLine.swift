import Foundation

/// One line of a container's log with the time it was written; `text` ends with `\n` unless it is
/// the unfinished last line.
struct LogLine: Sendable, Equatable {
    var time: Date
    var text: [UInt8]

    var isComplete: Bool { text.last == UInt8(ascii: "\n") }
}
