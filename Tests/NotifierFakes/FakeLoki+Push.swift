import Foundation
import KubeJSON

extension FakeLoki {
    /// How far behind a stream's newest entry an out-of-order entry may be (Loki: `max_chunk_age` / 2).
    static let outOfOrderWindow: Int64 = 3600 * 1_000_000_000
    /// How far ahead of the clock a timestamp may be (Loki's `creation_grace_period`).
    static let gracePeriod: TimeInterval = 600

    func push(_ request: RecordedRequest, tenant: String?, now: Date, state: inout State) -> FakeAnswer {
        guard let body = try? JSONValue(parsing: request.body), let streams = body["streams"]?.arrayValue else {
            return .text("error parsing push request: expected {\"streams\": [...]}\n", status: 400)
        }
        var parsed: [(labels: [String: String], entries: [FakeLokiEntry])] = []
        for stream in streams {
            guard let labelObject = stream["stream"]?.objectValue, !labelObject.isEmpty else {
                return .text("error at least one label pair is required per stream\n", status: 400)
            }
            var labels: [String: String] = [:]
            for (name, value) in labelObject {
                guard let text = value.stringValue else { return .text("error parsing labels: label \(name) is not a string\n", status: 400) }
                guard Self.isLabelName(name) else { return .text("error parsing labels \(labelObject): invalid label name \(name)\n", status: 400) }
                labels[name] = text
            }
            var entries: [FakeLokiEntry] = []
            for value in stream["values"]?.arrayValue ?? [] {
                guard let entry = Self.entry(value) else {
                    return .text("error parsing push request: each value must be [\"<unix ns>\", \"<line>\"] or with a flat string map\n", status: 400)
                }
                entries.append(entry)
            }
            parsed.append((labels, entries))
        }
        let tenantKey = tenant ?? "fake"
        let bytes = Double(parsed.reduce(0) { $0 + $1.entries.reduce(0) { $0 + $1.line.utf8.count } })
        if let ingestionRate {
            var bucket = state.bucket[tenantKey] ?? (ingestionRate.burst, now)
            bucket.tokens = min(ingestionRate.burst, bucket.tokens + now.timeIntervalSince(bucket.at) * ingestionRate.bytesPerSecond)
            bucket.at = now
            guard bytes <= bucket.tokens else {
                state.bucket[tenantKey] = bucket
                let lines = parsed.reduce(0) { $0 + $1.entries.count }
                return .text(
                    "ingestion rate limit exceeded for user \(tenantKey) (limit: \(Int(ingestionRate.bytesPerSecond)) bytes/sec) while attempting to ingest '\(lines)' lines totaling '\(Int(bytes))' bytes, reduce log volume or contact your Loki administrator to see if the limit can be increased\n",
                    status: 429)
            }
            bucket.tokens -= bytes
            state.bucket[tenantKey] = bucket
        }
        if let maximumStreams {
            let known = state.streams[tenantKey] ?? [:]
            let added = Set(parsed.map { Self.selector($0.labels) }).subtracting(known.keys).count
            if known.count + added > maximumStreams {
                return .text(
                    "Maximum active stream limit exceeded, reduce the number of active streams (reduce labels or reduce label values), or contact your Loki administrator to see if the limit can be increased, user: '\(tenantKey)'\n",
                    status: 429)
            }
        }
        var errors: [String] = []
        let nowNanoseconds = Int64(now.timeIntervalSince1970 * 1_000_000_000)
        for stream in parsed {
            let selector = Self.selector(stream.labels)
            var stored = state.streams[tenantKey]?[selector] ?? []
            for entry in stream.entries {
                if entry.line.utf8.count > maximumLineBytes {
                    errors.append("Max entry size '\(maximumLineBytes)' bytes exceeded for stream '\(selector)' while adding an entry with length '\(entry.line.utf8.count)' bytes")
                } else if entry.timestamp < nowNanoseconds - Int64(rejectOlderThan * 1_000_000_000) {
                    errors.append("entry for stream '\(selector)' has timestamp too old: \(entry.timestamp)")
                } else if entry.timestamp > nowNanoseconds + Int64(Self.gracePeriod * 1_000_000_000) {
                    errors.append("entry for stream '\(selector)' has timestamp too new: \(entry.timestamp)")
                } else if stored.contains(where: { $0.timestamp == entry.timestamp && $0.line == entry.line }) {
                    state.duplicatesDropped += 1
                } else if let newest = stored.map(\.timestamp).max(), entry.timestamp < newest - Self.outOfOrderWindow {
                    errors.append("entry too far behind, entry timestamp is: \(entry.timestamp), oldest acceptable timestamp is: \(newest - Self.outOfOrderWindow)")
                } else {
                    stored.append(entry)
                }
            }
            stored.sort { $0.timestamp < $1.timestamp }
            state.streams[tenantKey, default: [:]][selector] = stored
        }
        // Like Loki, the valid entries of a partly invalid push are kept, and the answer lists what was refused.
        if !errors.isEmpty { return .text(errors.joined(separator: "\n") + "\n", status: 400) }
        arrivals.append(FakeLokiPush(streams: parsed, tenant: tenant, request: request))
        return FakeAnswer(status: 204)
    }

    static func entry(_ value: JSONValue) -> FakeLokiEntry? {
        guard let parts = value.arrayValue, parts.count == 2 || parts.count == 3, let time = parts[0].stringValue,
            !time.isEmpty, time.allSatisfy(\.isNumber), let timestamp = Int64(time), let line = parts[1].stringValue
        else { return nil }
        var metadata: [String: String] = [:]
        if parts.count == 3 {
            guard let object = parts[2].objectValue else { return nil }
            for (key, member) in object {
                guard let text = member.stringValue else { return nil }
                metadata[key] = text
            }
        }
        return FakeLokiEntry(timestamp: timestamp, line: line, metadata: metadata)
    }

    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
