import Foundation
import KubeJSON

/// API paths: `/api/v1/...` for the core group, `/apis/<group>/<version>/...` for the rest.
enum ResourcePath {
    static func groupVersion(_ resource: GroupVersionResource) -> String {
        resource.group.isEmpty ? "/api/\(resource.version)" : "/apis/\(resource.group)/\(resource.version)"
    }

    /// The collection, namespaced or across all namespaces (`namespace == nil`).
    static func collection(_ resource: GroupVersionResource, namespace: String?) -> String {
        var path = groupVersion(resource)
        if let namespace { path += "/namespaces/\(escape(namespace))" }
        return path + "/\(resource.resource)"
    }

    static func object(_ resource: GroupVersionResource, namespace: String?, name: String) -> String {
        collection(resource, namespace: namespace) + "/\(escape(name))"
    }

    static func escape(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    static func query(_ items: [(String, String)]) -> String {
        items.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
