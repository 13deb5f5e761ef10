/// A change in a few words for crash alerts: `image of web changed v1 -> v2, replicas changed 2 -> 3 and 3 more
/// changes`. What most often breaks a workload comes first: images, then a rollout restart, replicas,
/// environment, resources, then anything else. At most ``maximumPhrases`` are spelled out; the rest are counted.
public enum ChangeSummary {
    public static let maximumPhrases = 3
    static let maximumValueCharacters = 60

    public static func text(for change: ManifestChange) -> String {
        switch change.action {
        case .added: return "\(change.kind) \(change.name) was created"
        case .deleted: return "\(change.kind) \(change.name) was deleted"
        case .updated: return text(for: change.diff.fieldChanges)
        }
    }

    public static func text(for changes: [FieldChange]) -> String {
        guard !changes.isEmpty else { return "no change" }
        let phrases = changes.enumerated().map { index, change in (phrase(for: change), index) }
            .sorted { ($0.0.rank, $0.1) < ($1.0.rank, $1.1) }
            .map(\.0.text)
        var unique: [String] = []
        for phrase in phrases where !unique.contains(phrase) { unique.append(phrase) }
        let shown = Array(unique.prefix(maximumPhrases))
        let rest = phrases.filter { !shown.contains($0) }.count
        var text = shown.joined(separator: ", ")
        if rest > 0 { text += " and \(rest) more change\(rest == 1 ? "" : "s")" }
        return text
    }

    private struct Phrase {
        var rank: Int
        var text: String
    }

    private static func phrase(for change: FieldChange) -> Phrase {
        let segments = FieldPath(parsing: change.path)?.segments ?? []
        let container = containerName(in: segments)
        let owner = container.map { " of \($0)" } ?? ""
        let last = segments.last
        if container != nil, case .key("image")? = last {
            return Phrase(rank: 0, text: "image\(owner) " + verb(change, shorten: shortenImages))
        }
        if segments.contains(.key("annotations")), case .key("kubectl.kubernetes.io/restartedAt")? = last {
            return Phrase(rank: 1, text: "rollout restart")
        }
        if change.path == "spec.replicas" {
            return Phrase(rank: 2, text: "replicas " + verb(change, shorten: nil))
        }
        if let envIndex = segments.firstIndex(of: .key("env")), envIndex + 1 < segments.count,
            case .match("name", let variable) = segments[envIndex + 1]
        {
            // Values of environment variables are often credentials: a summary names the variable only.
            let what = change.operation == .changed ? "changed" : change.operation.rawValue
            return Phrase(rank: 3, text: "env \(variable)\(owner) \(what)")
        }
        if let resourcesIndex = segments.firstIndex(of: .key("resources")), container != nil {
            let below = FieldPath(Array(segments[(resourcesIndex + 1)...])).description
            return Phrase(rank: 4, text: (below.isEmpty ? "resources" : below) + owner + " " + verb(change, shorten: nil))
        }
        return Phrase(rank: 5, text: change.path + " " + verb(change, shorten: nil))
    }

    private static func verb(_ change: FieldChange, shorten: ((String, String) -> (String, String))?) -> String {
        switch change.operation {
        case .added: return "set to \(clipped(change.new ?? ""))"
        case .removed: return "removed"
        case .changed:
            var (old, new) = (change.old ?? "", change.new ?? "")
            if let shorten { (old, new) = shorten(old, new) }
            return "changed \(clipped(old)) -> \(clipped(new))"
        }
    }

    /// `nginx:1.25 -> nginx:1.26` as `1.25 -> 1.26` when only the tag (or digest) changed.
    static func shortenImages(_ old: String, _ new: String) -> (String, String) {
        let (oldRepository, oldVersion) = split(image: old)
        let (newRepository, newVersion) = split(image: new)
        guard oldRepository == newRepository, let oldVersion, let newVersion else { return (old, new) }
        return (oldVersion, newVersion)
    }

    private static func split(image: String) -> (String, String?) {
        if let at = image.firstIndex(of: "@") { return (String(image[..<at]), String(image[image.index(after: at)...])) }
        let nameStart = image.lastIndex(of: "/").map { image.index(after: $0) } ?? image.startIndex
        guard let colon = image[nameStart...].lastIndex(of: ":") else { return (image, nil) }
        return (String(image[..<colon]), String(image[image.index(after: colon)...]))
    }

    private static func containerName(in segments: [FieldPath.Segment]) -> String? {
        for (index, segment) in segments.enumerated().reversed() {
            guard case .key(let key) = segment, ["containers", "initContainers", "ephemeralContainers"].contains(key), index + 1 < segments.count
            else { continue }
            switch segments[index + 1] {
            case .match("name", let name): return name
            case .index(let position): return "container \(position)"
            default: return nil
            }
        }
        return nil
    }

    private static func clipped(_ text: String) -> String {
        text.count > maximumValueCharacters ? String(text.prefix(maximumValueCharacters - 1)) + "…" : text
    }
}
