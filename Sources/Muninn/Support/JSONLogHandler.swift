import Foundation
import KubeJSON
import Logging

/// One JSON object per line on standard error, for log collectors in the cluster.
///
/// Keys are sorted; `ts` is RFC 3339 in UTC with milliseconds. Written with KubeJSON rather than
/// `JSONSerialization` and `ISO8601DateFormatter`: the formatter loads ICU's locale and calendar data (2.8 MB
/// resident in an idle process) for a timestamp.
struct JSONLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        FileHandle.standardError.write(Data(line(for: event, at: Date())))
    }

    /// The line for `event` at `date`, newline included.
    func line(for event: LogEvent, at date: Date) -> [UInt8] {
        var members: [String: JSONValue] = metadata.merging(event.metadata ?? [:]) { _, new in new }.mapValues(Self.plain)
        members["ts"] = .string(RFC3339.format(date, fractionalDigits: 3))
        members["level"] = .string(event.level.rawValue)
        members["logger"] = .string(label)
        members["msg"] = .string(event.message.description)
        var output: [UInt8] = []
        JSONWriter.write(.object(JSONObject(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })), into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    private static func plain(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let s): .string(s)
        case .stringConvertible(let c): .string(c.description)
        case .array(let a): .array(a.map(plain))
        case .dictionary(let d): .object(JSONObject(d.sorted { $0.key < $1.key }.map { ($0.key, plain($0.value)) }))
        }
    }
}
