import KubeJSON

extension KubeClient {
    /// Reads a container's log (not following). A 400 (the kubelet's "previous terminated container … not found",
    /// "… is waiting to start …", etc.) throws `.logsUnavailable(message:)`; an unknown pod throws `.notFound`.
    /// Invalid UTF-8 is repaired rather than failing.
    public func logs(namespace: String, pod: String, options: LogOptions = LogOptions()) async throws -> String {
        let bytes = try await logBytes(namespace: namespace, pod: pod, options: options)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Like `logs`, as raw bytes.
    public func logBytes(namespace: String, pod: String, options: LogOptions = LogOptions()) async throws -> [UInt8] {
        let path = ResourcePath.object(.pods, namespace: namespace, name: pod) + "/log"
        // As client-go: JSON first so errors come back as a Status, then anything for the text/plain log body.
        let request = APIRequest(path: path, query: options.queryItems, accept: "application/json, */*", isLogRequest: true)
        let response = try await send(request)
        if let limit = options.limitBytes, response.body.count > limit { return Array(response.body.prefix(limit)) }
        return response.body
    }
}
