import Foundation
import KubeJSON

extension KubeClient {
    /// Fetches legacy discovery documents: `/api` and its versions, `/apis` and each group's preferred version.
    /// A group version that fails (e.g. 503 from an aggregated API) is listed in `failedGroupVersions`.
    public func discovery() async throws -> Discovery {
        var resources: [APIResourceInfo] = []
        var failed: [String] = []

        // As client-go: a server without the core group (404 on /api) is tolerated.
        var core: JSONValue = .null
        do {
            core = try await json(APIRequest(path: "/api"), what: "/api")
        } catch KubeAPIError.notFound {}
        for version in core["versions"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            do {
                resources += try await resourceList(path: "/api/\(version)", group: "", version: version)
            } catch let error as KubeAPIError {
                if case .unauthorized = error { throw error }
                if case .forbidden = error { throw error }
                failed.append(version)
            }
        }

        let groups = try await json(APIRequest(path: "/apis"), what: "/apis")
        for group in groups["groups"]?.arrayValue ?? [] {
            guard let name = group["name"]?.stringValue else { continue }
            let preferred = group[path: ["preferredVersion", "version"]]?.stringValue
                ?? group["versions"]?.arrayValue?.first?["version"]?.stringValue
            guard let version = preferred else { continue }
            do {
                resources += try await resourceList(path: "/apis/\(name)/\(version)", group: name, version: version)
            } catch let error as KubeAPIError {
                if case .unauthorized = error { throw error }
                if case .forbidden = error { throw error }
                failed.append("\(name)/\(version)")
            }
        }
        return Discovery(resources: resources, failedGroupVersions: failed)
    }

    private func resourceList(path: String, group: String, version: String) async throws -> [APIResourceInfo] {
        let document = try await json(APIRequest(path: path), what: path)
        var result: [APIResourceInfo] = []
        for entry in document["resources"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, !name.contains("/") else { continue }
            result.append(
                APIResourceInfo(
                    resource: GroupVersionResource(group: group, version: version, resource: name),
                    kind: entry["kind"]?.stringValue ?? "",
                    namespaced: entry["namespaced"]?.boolValue ?? false,
                    singularName: entry["singularName"]?.stringValue ?? "",
                    shortNames: entry["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? []))
        }
        return result
    }

    private func json(_ request: APIRequest, what: String) async throws -> JSONValue {
        let response = try await send(request)
        do {
            return try JSONValue(parsing: response.body)
        } catch {
            throw KubeAPIError.decoding(what: what, message: String(describing: error))
        }
    }
}
