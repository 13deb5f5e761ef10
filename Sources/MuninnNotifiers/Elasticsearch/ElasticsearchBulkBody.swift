import KubeJSON

/// The NDJSON body of a `_bulk` request: per document an action line and a source line, each ending in `\n`
/// (the last one too, or Elasticsearch refuses the request).
enum ElasticsearchBulkBody {
    /// `index` rather than `create`: a repeated delivery replaces the document with the same `_id`.
    static func index(_ documents: [(index: String, id: String, source: JSONValue)]) -> [UInt8] {
        var body: [UInt8] = []
        for document in documents {
            let action: JSONValue = ["index": ["_index": .string(document.index), "_id": .string(document.id)]]
            JSONWriter.write(action, into: &body)
            body.append(UInt8(ascii: "\n"))
            // The writer escapes control characters, so a log's newlines cannot break the line structure.
            JSONWriter.write(document.source, into: &body)
            body.append(UInt8(ascii: "\n"))
        }
        return body
    }
}
