import Foundation

/// Query parameters of `pods/log` (PROTOCOL.md §9.1) after validation.
struct PodLogOptions: Sendable, Equatable {
    var container: String?
    var follow = false
    var previous = false
    var sinceSeconds: Int64?
    var sinceTime: Date?
    var timestamps = false
    var tailLines: Int64?
    var limitBytes: Int64?

    init(query: QueryParameters) throws(APIStatus) {
        container = query["container"].flatMap { $0.isEmpty ? nil : $0 }
        follow = query.bool("follow")
        previous = query.bool("previous")
        timestamps = query.bool("timestamps")
        var causes: [APIStatus.Cause] = []
        func integer(_ name: String) -> Int64? {
            guard let text = query[name] else { return nil }
            guard let value = Int64(text) else {
                causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \"\(text)\": must be an integer",
                                    field: name))
                return nil
            }
            return value
        }
        sinceSeconds = integer("sinceSeconds")
        tailLines = integer("tailLines")
        limitBytes = integer("limitBytes")
        if let text = query["sinceTime"] {
            guard let date = KubeTime.parse(text) else {
                throw APIStatus.badRequest("parsing time \"\(text)\" as \"2006-01-02T15:04:05Z07:00\": cannot parse")
            }
            sinceTime = date
        }
        if let tailLines, tailLines < 0 {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \(tailLines): must be greater than or equal to 0",
                                field: "tailLines"))
        }
        if let limitBytes, limitBytes < 1 {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \(limitBytes): must be greater than 0",
                                field: "limitBytes"))
        }
        if let sinceSeconds, sinceSeconds < 1 {
            causes.append(.init(reason: "FieldValueInvalid", message: "Invalid value: \(sinceSeconds): must be greater than 0",
                                field: "sinceSeconds"))
        }
        if sinceSeconds != nil, sinceTime != nil {
            causes.append(.init(reason: "FieldValueForbidden", message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
                                field: "sinceSeconds"))
        }
        if !causes.isEmpty {
            throw APIStatus.invalid(kind: "PodLogOptions", group: "", name: "", causes: causes)
        }
    }

    /// The earliest line time included, if the request limits it.
    func since(now: Date) -> Date? {
        if let sinceTime { return sinceTime }
        if let sinceSeconds { return now.addingTimeInterval(-Double(sinceSeconds)) }
        return nil
    }

    /// The bytes to send for `lines` before following (tail, since, timestamps; not limitBytes).
    func render(_ lines: [LogLine], now: Date) -> [UInt8] {
        var selected = lines[...]
        if let since = since(now: now) { selected = selected.drop { $0.time < since } }
        if let tailLines {
            // Only complete lines count; an unfinished last line rides along.
            let trailingPartial = selected.last.map { !$0.isComplete } ?? false
            let complete = trailingPartial ? selected.dropLast() : selected
            selected = complete.suffix(Int(clamping: tailLines)) + (trailingPartial ? selected.suffix(1) : [])
        }
        var output: [UInt8] = []
        for line in selected { output.append(contentsOf: format(line)) }
        return output
    }

    func format(_ line: LogLine) -> [UInt8] {
        timestamps ? Array((KubeTime.rfc3339Nano(line.time) + " ").utf8) + line.text : line.text
    }
}
