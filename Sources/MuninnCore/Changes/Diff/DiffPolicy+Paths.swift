extension DiffPolicy {
    /// Why `path` cannot be an ignored path (`spec.replicas`, `spec.template.spec.containers[name=web].resources`,
    /// `metadata.annotations["example.com/x"]`, `spec.template.spec.containers[*].image`), or nil when it can.
    public static func problem(inPath path: String) -> String? {
        guard FieldPath(parsing: path) != nil else {
            return "'\(path)' is not a field path (keys separated by dots, [n], [name=value], [*] or [\"key.with.dots\"])"
        }
        return nil
    }
}
