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
    /// The same content with another `metadata.resourceVersion` (for DELETED events).
    func withResourceVersion(_ resourceVersion: Int64) -> StoredObject {
        guard let object = try? parsed() else { return self }
        return StoredObject(copying: self, object: object, resourceVersion: resourceVersion)
    }

    private init(copying original: StoredObject, object: JSONValue, resourceVersion: Int64) {
        var updated = object
        updated[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        updated = ObjectShape.normalized(updated)
        self.key = original.key
        self.bytes = updated.serialized()
        self.resourceVersion = resourceVersion
        self.uid = original.uid
        self.labels = original.labels
        self.fields = original.fields
    }
}
