import KubeJSON

/// A push the fake Loki accepted: the stream labels and entries it carried, and the raw request.
public struct FakeLokiPush: Sendable {
    public var streams: [(labels: [String: String], entries: [FakeLokiEntry])]
    public var tenant: String?
    public var request: RecordedRequest
}
