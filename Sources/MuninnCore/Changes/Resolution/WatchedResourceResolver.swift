import Foundation
import KubeAPI
import KubeJSON

/// Resolves the configured resources through the server's discovery, as kubectl resolves names: a kind
/// (`Deployment`), a plural, singular or short name (`deploy`), a group-qualified name (`ingresses.networking.k8s.io`)
/// or `group/version/resource` (`apps/v1/deployments`, `v1/configmaps`). Run at start, before any watch.
///
/// Ingresses always resolve to `networking.k8s.io/v1`: kwatchman watched `extensions/v1beta1`, which servers
/// stopped serving in Kubernetes 1.22, so its ingress watch never synced. Secrets always hide their data.
public enum WatchedResourceResolver {
    public static func resolve(_ resources: [WatchedResource], discovery: Discovery) throws(ResourceResolutionError) -> [ResolvedWatch] {
        var resolved: [ResolvedWatch] = []
        for resource in resources {
            let info = try resolve(resource.name, discovery: discovery)
            var watched = resource
            if info.resource.group.isEmpty, info.resource.resource == "secrets" { watched.policy.hidesData = true }
            resolved.append(ResolvedWatch(info, watched: watched))
        }
        return resolved
    }

    static func resolve(_ name: String, discovery: Discovery) throws(ResourceResolutionError) -> APIResourceInfo {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        let info: APIResourceInfo
        if trimmed.contains("/") {
            info = try byGroupVersionResource(trimmed, original: name, discovery: discovery)
        } else if ["ingress", "ingresses", "ing"].contains(trimmed.lowercased()) {
            guard let modern = discovery.resources.first(where: { $0.resource.group == "networking.k8s.io" && $0.resource.resource == "ingresses" }) else {
                throw ResourceResolutionError(
                    name: name, message: "the server does not serve networking.k8s.io/v1 ingresses (extensions/v1beta1 is not watched: it was removed in Kubernetes 1.22)")
            }
            info = modern
        } else {
            do {
                info = try discovery.resolve(trimmed)
            } catch {
                throw ResourceResolutionError(
                    name: name, message: "the server doesn't have a resource type \"\(trimmed)\"", closeMatches: closeMatches(to: trimmed, in: discovery))
            }
        }
        if !info.verbs.isEmpty, !(info.verbs.contains("list") && info.verbs.contains("watch")) {
            throw ResourceResolutionError(name: name, message: "\(info.resource) cannot be listed and watched (verbs: \(info.verbs.joined(separator: ", ")))")
        }
        return info
    }

    private static func byGroupVersionResource(_ text: String, original: String, discovery: Discovery) throws(ResourceResolutionError) -> APIResourceInfo {
        let parts = text.lowercased().split(separator: "/").map(String.init)
        let (group, version, plural): (String, String, String)
        switch parts.count {
        case 2: (group, version, plural) = ("", parts[0], parts[1])
        case 3: (group, version, plural) = (parts[0], parts[1], parts[2])
        default: throw ResourceResolutionError(name: original, message: "expected group/version/resource, such as apps/v1/deployments or v1/configmaps")
        }
        if group == "extensions", plural == "ingresses" {
            throw ResourceResolutionError(name: original, message: "extensions/v1beta1 ingresses were removed in Kubernetes 1.22", closeMatches: ["networking.k8s.io/v1/ingresses"])
        }
        if let exact = discovery.resources.first(where: { $0.resource == GroupVersionResource(group: group, version: version, resource: plural) }) {
            return exact
        }
        // Discovery lists each group's preferred version; another served version of the same resource is fine.
        if var sameResource = discovery.resources.first(where: { $0.resource.group == group && $0.resource.resource == plural }) {
            sameResource.resource.version = version
            return sameResource
        }
        let known = discovery.resources.map(\.resource.description)
        throw ResourceResolutionError(
            name: original, message: "the server doesn't serve \(text)",
            closeMatches: Array(known.filter { editDistance($0, text.lowercased()) <= 3 }.prefix(3)))
    }

    /// Names the server serves (plural, singular, short names, kinds) close to `name`, closest first.
    static func closeMatches(to name: String, in discovery: Discovery) -> [String] {
        let lowered = name.lowercased()
        var candidates: [String] = []
        for info in discovery.resources {
            for candidate in [info.resource.resource, info.singularName] + info.shortNames where !candidate.isEmpty && !candidates.contains(candidate) {
                candidates.append(candidate)
            }
        }
        let limit = max(1, min(3, lowered.count / 3))
        return Array(
            candidates.map { ($0, editDistance(lowered, $0)) }.filter { $0.1 <= limit }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0).prefix(3))
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
