/// An image name as written in a pod spec, and the forms the runtime reports for it. Computed
/// once per container (not per render): bulk rendering of 150,000 pods depends on it.
struct ImageReference: Sendable, Equatable {
    let written: String
    /// What containerd reports in `status.image`: `nginx:1.27` → `docker.io/library/nginx:1.27`.
    let normalized: String
    /// `status.imageID`: `<repository>@sha256:<digest>`, the same for the same image everywhere.
    let imageID: String

    init(written: String) {
        self.written = written
        var name = written
        let lastComponent = written.split(separator: "/").last.map(String.init) ?? written
        if !lastComponent.contains(":") && !lastComponent.contains("@") { name += ":latest" }
        let firstComponent = name.split(separator: "/").first.map(String.init) ?? name
        let hasRegistry = name.contains("/") && (firstComponent.contains(".") || firstComponent.contains(":") || firstComponent == "localhost")
        let normalized = hasRegistry ? name : (name.contains("/") ? "docker.io/\(name)" : "docker.io/library/\(name)")
        self.normalized = normalized
        var repository = normalized
        if let slash = normalized.lastIndex(of: "/"), let colon = normalized[slash...].lastIndex(of: ":") {
            repository = String(normalized[..<colon])
        }
        imageID = "\(repository)@sha256:\(Hex.digest(of: normalized))"
    }

    /// Kubernetes defaults `imagePullPolicy` to Always for `:latest` (or untagged) images.
    static func defaultPullPolicy(for written: String) -> String {
        let lastComponent = written.split(separator: "/").last.map(String.init) ?? written
        return !lastComponent.contains(":") || lastComponent.hasSuffix(":latest") ? "Always" : "IfNotPresent"
    }

    /// A plausible compressed image size for `Pulled` events.
    var sizeInBytes: Int { 20_000_000 + Int(Hex.fnv1a(written) % 180_000_000) }
}
