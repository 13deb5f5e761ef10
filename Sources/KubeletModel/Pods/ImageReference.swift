/// An image name as written in a pod spec, and the forms the runtime reports for it.
struct ImageReference: Sendable, Equatable {
    let written: String

    /// What containerd reports in `status.image`: `nginx:1.27` → `docker.io/library/nginx:1.27`.
    var normalized: String {
        var name = written
        if !name.contains(":") && !name.contains("@") { name += ":latest" }
        let firstComponent = name.split(separator: "/").first.map(String.init) ?? name
        let hasRegistry = name.contains("/") && (firstComponent.contains(".") || firstComponent.contains(":") || firstComponent == "localhost")
        if hasRegistry { return name }
        return name.contains("/") ? "docker.io/\(name)" : "docker.io/library/\(name)"
    }

    /// The repository without tag, for `imageID`.
    var repository: String {
        let name = normalized
        guard let slash = name.lastIndex(of: "/"), let colon = name[slash...].lastIndex(of: ":") else {
            return name
        }
        return String(name[..<colon])
    }

    /// `status.imageID`: `<repository>@sha256:<digest>`, the same for the same image everywhere.
    var imageID: String { "\(repository)@sha256:\(Hex.digest(of: normalized))" }

    /// Kubernetes defaults `imagePullPolicy` to Always for `:latest` (or untagged) images.
    var defaultPullPolicy: String {
        let lastComponent = written.split(separator: "/").last.map(String.init) ?? written
        return !lastComponent.contains(":") || lastComponent.hasSuffix(":latest") ? "Always" : "IfNotPresent"
    }

    /// A plausible compressed image size for `Pulled` events.
    var sizeInBytes: Int { 20_000_000 + Int(Hex.fnv1a(written) % 180_000_000) }
}
