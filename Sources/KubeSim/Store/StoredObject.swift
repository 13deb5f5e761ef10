import KubeJSON

/// One object as the store keeps it: compact JSON bytes without `kind`/`apiVersion` (list items
/// carry neither) plus the few fields needed to select and index it. Objects are never kept as
/// parsed trees, because benchmarks hold 150,000 pods.
struct StoredObject: Sendable {
    let key: ObjectKey
    let bytes: [UInt8]
    let resourceVersion: Int64
    let uid: String
    let labels: [String: String]
    let fields: [String: String]

    /// Serialises `object` (its `kind`/`apiVersion` removed) with `metadata.resourceVersion` set.
    init(object: JSONValue, key: ObjectKey, resourceVersion: Int64, fieldsOf extractor: SelectableFields) {
        var trimmed = object
        trimmed["kind"] = nil
        trimmed["apiVersion"] = nil
        trimmed[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        trimmed = ObjectShape.normalized(trimmed)
        self.key = key
        self.bytes = trimmed.serialized()
        self.resourceVersion = resourceVersion
        self.uid = trimmed[path: ["metadata", "uid"]]?.stringValue ?? ""
        var labels: [String: String] = [:]
        for (label, value) in trimmed[path: ["metadata", "labels"]]?.objectValue ?? JSONObject() {
            if let text = value.stringValue { labels[label] = text }
        }
        self.labels = labels
        self.fields = extractor.fields(of: trimmed, key: key)
    }

    /// The parsed object; only for writes, tables and conversions, never on the list hot path.
    func parsed() throws(JSONParseError) -> JSONValue {
        try JSONValue(parsing: bytes)
    }

    /// The object with `apiVersion` and `kind` spliced in front, as watch events and GETs carry it.
    func bytesWithTypeMeta(apiVersion: String, kind: String) -> [UInt8] {
        Self.splice(bytes, apiVersion: apiVersion, kind: kind)
    }

    static func splice(_ bytes: [UInt8], apiVersion: String, kind: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 48)
        output.append(contentsOf: #"{"kind":"#.utf8)
        JSONWriter.writeString(kind, into: &output)
        output.append(contentsOf: #","apiVersion":"#.utf8)
        JSONWriter.writeString(apiVersion, into: &output)
        let isEmptyObject = bytes.count <= 2
        if !isEmptyObject { output.append(UInt8(ascii: ",")) }
        output.append(contentsOf: bytes.dropFirst())
        if isEmptyObject { output.append(UInt8(ascii: "}")) }
        return output
    }
}

extension StoredObject {
    /// The same content with another `metadata.resourceVersion` (DELETED events, new writes).
    ///
    /// Rewrites the RV in the stored bytes instead of re-serialising: metadata is the first key
    /// and the keys before its resourceVersion are plain strings, in which a quote is always
    /// escaped, so the first `"resourceVersion":"` is the metadata field (checked: it must hold
    /// the current RV, else the object is re-serialised).
    func withResourceVersion(_ resourceVersion: Int64) -> StoredObject {
        let marker = Array("\"resourceVersion\":\"".utf8)
        if let range = bytes.firstRange(of: marker),
           let end = bytes[range.upperBound...].firstIndex(of: UInt8(ascii: "\"")),
           bytes[range.upperBound..<end].elementsEqual(String(self.resourceVersion).utf8)
        {
            var rewritten = bytes
            rewritten.replaceSubrange(range.upperBound..<end, with: Array(String(resourceVersion).utf8))
            return StoredObject(key: key, bytes: rewritten, resourceVersion: resourceVersion, uid: uid, labels: labels,
                                fields: fields)
        }
        guard var object = try? parsed() else { return self }
        object[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        object = ObjectShape.normalized(object)
        return StoredObject(key: key, bytes: object.serialized(), resourceVersion: resourceVersion, uid: uid,
                            labels: labels, fields: fields)
    }

    private init(key: ObjectKey, bytes: [UInt8], resourceVersion: Int64, uid: String, labels: [String: String],
                 fields: [String: String]) {
        self.key = key
        self.bytes = bytes
        self.resourceVersion = resourceVersion
        self.uid = uid
        self.labels = labels
        self.fields = fields
    }
}
