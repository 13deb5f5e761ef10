/// Query parameters of pods/log (`PodLogOptions`).
public struct LogOptions: Sendable {
    /// Required when the pod has more than one container.
    public var container: String?
    /// Logs of the previous (last terminated) instance.
    public var previous: Bool
    /// The last N complete lines.
    public var tailLines: Int?
    /// Stop after about this many bytes (the server may cut a line); also caps what the client reads.
    public var limitBytes: Int?
    public var sinceSeconds: Int?
    /// Prefix each line with an RFC 3339 timestamp.
    public var timestamps: Bool

    public init(container: String? = nil, previous: Bool = false, tailLines: Int? = nil, limitBytes: Int? = nil, sinceSeconds: Int? = nil, timestamps: Bool = false) {
        self.container = container
        self.previous = previous
        self.tailLines = tailLines
        self.limitBytes = limitBytes
        self.sinceSeconds = sinceSeconds
        self.timestamps = timestamps
    }

    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let container { items.append(("container", container)) }
        if previous { items.append(("previous", "true")) }
        if let tailLines { items.append(("tailLines", String(tailLines))) }
        if let limitBytes { items.append(("limitBytes", String(limitBytes))) }
        if let sinceSeconds { items.append(("sinceSeconds", String(sinceSeconds))) }
        if timestamps { items.append(("timestamps", "true")) }
        return items
    }
}
