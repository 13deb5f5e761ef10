/// What the diff ignores for one watched resource, beyond the fields every manifest drops (status,
/// resourceVersion, generation, managedFields, uid, creationTimestamp, selfLink, the deployment revision
/// and kubectl's last-applied annotations).
///
/// Paths use the same syntax as ``FieldChange/path`` (`spec.replicas`,
/// `spec.template.spec.containers[name=web].resources`); a path ignores everything below it too. An object can
/// add its own with the annotation `muninn.io/diff-ignore: "spec.replicas, metadata.labels.version"`
/// (for example when an HPA scales it).
public struct DiffPolicy: Sendable, Hashable {
    public var ignoredPaths: [String]
    /// Whether annotations on the object may extend `ignoredPaths` (on by default).
    public var honoursAnnotation: Bool
    /// Replace the values of `data` and `stringData` by digests (`sha256:` + 12 hex) even when the object does not
    /// say it is a Secret: list items come without `kind`, so the resolver sets this for `v1/secrets`. Objects of
    /// kind Secret (and kind-less objects shaped like one) are always hashed.
    public var hidesData: Bool

    public init(ignoredPaths: [String] = [], honoursAnnotation: Bool = true, hidesData: Bool = false) {
        self.ignoredPaths = ignoredPaths
        self.honoursAnnotation = honoursAnnotation
        self.hidesData = hidesData
    }

    /// The annotation an object uses to add ignored paths of its own (comma-separated).
    public static let ignoreAnnotation = "muninn.io/diff-ignore"
}
