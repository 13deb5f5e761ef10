import AsyncHTTPClient
import KubeJSON

extension KubeClient {
    /// Opens one watch. Throws if the server refuses it (HTTP status); errors after the stream started come as
    /// `.error(Status)` events (e.g. 410 Expired). For a self-healing list+watch use `reflector(for:...)`.
    public func watch<Object: Decodable & Sendable>(
        _ resource: GroupVersionResource, namespace: String? = nil, as type: Object.Type = Object.self,
        options: WatchOptions = WatchOptions()
    ) async throws -> WatchStream<Object> {
        let request = APIRequest(path: ResourcePath.collection(resource, namespace: namespace), query: options.queryItems)
        let response = try await openStream(request)
        return WatchStream(body: response.body, maximumLineLength: configuration.maximumWatchLineBytes)
    }
}
