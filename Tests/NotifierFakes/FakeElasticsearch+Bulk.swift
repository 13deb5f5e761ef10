import Foundation
import KubeJSON

extension FakeElasticsearch {
    static let actions = ["index", "create", "update", "delete"]
    static let metadataKeys: Set<String> = [
        "_index", "_id", "routing", "if_seq_no", "if_primary_term", "dynamic_templates", "pipeline", "require_alias", "version",
        "version_type", "retry_on_conflict", "_source",
    ]

    func bulk(_ request: RecordedRequest, defaultIndex: String?, state: inout State) -> FakeAnswer {
        let contentType = (request.header("Content-Type") ?? "").lowercased()
        guard contentType.hasPrefix("application/x-ndjson") || contentType.hasPrefix("application/json") else {
            return .json(["error": .string("Content-Type header [\(request.header("Content-Type") ?? "")] is not supported"), "status": 406], status: 406)
        }
        guard request.body.count <= maximumBodyBytes else { return .text("", status: 413) }
        guard !request.body.isEmpty else {
            return FakeElasticsearchBulkError.answer(status: 400, type: "action_request_validation_exception", reason: "Validation Failed: 1: no requests added;")
        }
        guard request.body.last == UInt8(ascii: "\n") else {
            return FakeElasticsearchBulkError.illegalArgument("The bulk request must be terminated by a newline [\\n]")
        }
        var lines = request.body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map { line in
            line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
        }[...]
        var operations: [(action: String, index: String, id: String?, source: JSONValue?)] = []
        var lineNumber = 0
        while let line = lines.popFirst() {
            lineNumber += 1
            guard let action = try? JSONValue(parsing: line), let object = action.objectValue else {
                return FakeElasticsearchBulkError.illegalArgument("Malformed action/metadata line [\(lineNumber)], expected START_OBJECT but found [VALUE_STRING]")
            }
            guard object.count == 1, let first = object.members.first, Self.actions.contains(first.key) else {
                let found = object.keys.first ?? ""
                return FakeElasticsearchBulkError.illegalArgument(
                    "Malformed action/metadata line [\(lineNumber)], expected field [create], [delete], [index] or [update] but found [\(found)]")
            }
            let (name, metadata) = (first.key, first.value)
            guard let metadataObject = metadata.objectValue else {
                return FakeElasticsearchBulkError.illegalArgument("Malformed action/metadata line [\(lineNumber)], expected START_OBJECT")
            }
            if let unknown = metadataObject.keys.first(where: { !Self.metadataKeys.contains($0) }) {
                return FakeElasticsearchBulkError.illegalArgument("Action/metadata line [\(lineNumber)] contains an unknown parameter [\(unknown)]")
            }
            guard let index = metadata["_index"]?.stringValue ?? defaultIndex else {
                return FakeElasticsearchBulkError.answer(status: 400, type: "action_request_validation_exception", reason: "Validation Failed: 1: index is missing;")
            }
            var source: JSONValue?
            if name != "delete" {
                guard let sourceLine = lines.popFirst() else {
                    return FakeElasticsearchBulkError.illegalArgument("The bulk request must be terminated by a newline [\\n]")
                }
                lineNumber += 1
                source = (try? JSONValue(parsing: sourceLine)) ?? .string(String(decoding: sourceLine, as: UTF8.self))
            }
            operations.append((name, index, metadata["_id"]?.stringValue, source))
        }
        var items: [JSONValue] = []
        var errors = false
        for operation in operations {
            let item = perform(operation, state: &state)
            if item["error"] != nil { errors = true }
            items.append(.object(JSONObject([(operation.action, item)])))
        }
        return .json(["took": 3, "errors": .bool(errors), "items": .array(items)])
    }

    private func perform(_ operation: (action: String, index: String, id: String?, source: JSONValue?), state: inout State) -> JSONValue {
        let id = operation.id ?? "auto-\(state.requests.count)-\(state.indices[operation.index]?.count ?? 0)"
        func failure(_ status: Int, _ type: String, _ reason: String) -> JSONValue {
            ["_index": .string(operation.index), "_id": .string(id), "status": .int(Int64(status)),
             "error": FakeElasticsearchBulkError.item(status: status, type: type, reason: reason, index: operation.index)]
        }
        let scripted = state.itemScript.isEmpty ? FakeElasticsearchItemAnswer.store : state.itemScript.removeFirst()
        switch scripted {
        case .store: break
        case .rejected:
            return failure(429, "es_rejected_execution_exception", "rejected execution of primary operation [coordinating_and_primary_bytes=0, replica_bytes=0, all_bytes=0, primary_operation_bytes=1024, max_coordinating_and_primary_bytes=1024]")
        case .openSearchRejected:
            return failure(429, "rejected_execution_exception", "rejected execution of primary operation")
        case .mapperParsing(let reason): return failure(400, "mapper_parsing_exception", reason)
        case .unavailableShards:
            return failure(503, "unavailable_shards_exception", "[\(operation.index)][0] primary shard is not active Timeout: [1m]")
        }
        if let problem = Self.indexNameProblem(operation.index) {
            return failure(400, "invalid_index_name_exception", "Invalid index name [\(operation.index)], \(problem)")
        }
        let existing = state.indices[operation.index]?[id]
        switch operation.action {
        case "delete":
            guard existing != nil else {
                return ["_index": .string(operation.index), "_id": .string(id), "result": "not_found", "status": 404]
            }
            state.indices[operation.index]?[id] = nil
            return ["_index": .string(operation.index), "_id": .string(id), "result": "deleted", "status": 200]
        case "update":
            return failure(400, "illegal_argument_exception", "update is not supported by this fake")
        default: break
        }
        if operation.action == "create", let existing {
            return failure(409, "version_conflict_engine_exception", "[\(id)]: version conflict, document already exists (current version [\(existing.version)])")
        }
        guard let source = operation.source?.objectValue else {
            return failure(400, "document_parsing_exception", "[1:1] failed to parse: the source is not a JSON object")
        }
        var mapping = state.mappings[operation.index] ?? mappingForNewIndex(operation.index, templates: state.templates)
        if let reason = mapping.check(source) { return failure(400, "document_parsing_exception", reason) }
        state.mappings[operation.index] = mapping
        let version = (existing?.version ?? 0) + 1
        let document = FakeElasticsearchDocument(index: operation.index, id: id, source: .object(source), version: version)
        state.indices[operation.index, default: [:]][id] = document
        if existing != nil { state.overwrites += 1 }
        arrivals.append(document)
        return [
            "_index": .string(operation.index), "_id": .string(id), "_version": .int(Int64(version)),
            "result": existing == nil ? "created" : "updated", "_shards": ["total": 2, "successful": 1, "failed": 0],
            "_seq_no": .int(Int64(state.overwrites + state.indices.values.reduce(0) { $0 + $1.count })), "_primary_term": 1,
            "status": existing == nil ? 201 : 200,
        ]
    }

    /// The mapping of the highest-priority template whose patterns match, else an empty (dynamic) one.
    private func mappingForNewIndex(_ index: String, templates: [String: JSONValue]) -> FakeElasticsearchMapping {
        let matching = templates.values.filter { template in
            (template["index_patterns"]?.arrayValue ?? []).compactMap(\.stringValue).contains { Self.glob($0, matches: index) }
        }
        guard let best = matching.max(by: { ($0["priority"]?.intValue ?? 0) < ($1["priority"]?.intValue ?? 0) }) else {
            return FakeElasticsearchMapping()
        }
        return FakeElasticsearchMapping(template: best)
    }

    static func glob(_ pattern: String, matches text: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return pattern == text }
        guard text.hasPrefix(parts[0]), text.hasSuffix(parts[parts.count - 1]) else { return false }
        var rest = Substring(text.dropFirst(parts[0].count))
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.count >= parts[parts.count - 1].count
    }

    /// Elasticsearch's index name rules; nil when `name` is valid.
    static func indexNameProblem(_ name: String) -> String? {
        if name != name.lowercased() { return "must be lowercase" }
        if let bad = name.first(where: { "\\/*?\"<>| ,#:".contains($0) }) { return "must not contain '\(bad)'" }
        if let first = name.first, "-_+".contains(first) { return "must not start with '_', '-', or '+'" }
        if name == "." || name == ".." { return "must not be '.' or '..'" }
        if name.utf8.count > 255 { return "index name is too long, (\(name.utf8.count) > 255)" }
        return nil
    }
}
