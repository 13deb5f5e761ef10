/// The `dryRun` query parameter of writes. The only value is `All`: every stage runs (defaulting, validation,
/// the namespace and conflict checks) and the answer is what a real write would answer, but nothing is persisted
/// and no watcher sees an event.
enum DryRunOption {
    static let supported = ["All"]

    /// Whether the request is a dry run; an unknown value is refused as the apiserver refuses it (422 on the
    /// verb's options kind: `CreateOptions`, `UpdateOptions`, `PatchOptions`).
    static func isDryRun(_ query: QueryParameters, optionsKind: String) throws(APIStatus) -> Bool {
        let values = query.all("dryRun")
        guard !values.isEmpty else { return false }
        guard values.allSatisfy(supported.contains) else {
            let given = "[" + values.map { "\"\($0)\"" }.joined(separator: " ") + "]"
            throw APIStatus.invalid(kind: optionsKind, group: "meta.k8s.io", name: "", causes: [
                .init(reason: "FieldValueNotSupported", message: "Unsupported value: \(given): supported values: \"All\"", field: "dryRun"),
            ])
        }
        return true
    }
}
