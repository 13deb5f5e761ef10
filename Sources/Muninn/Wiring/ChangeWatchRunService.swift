import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import ServiceLifecycle

/// The change watch of `muninn run`: connects, resolves the configured resources through discovery (an unknown
/// name stops Muninn with a clear error), then runs the ``ChangeWatchService`` until shutdown.
struct ChangeWatchRunService: Service {
    var settings: ChangeWatchSettings
    var cluster: String
    var kubeconfigPath: String?
    var context: String?
    var store: any ChangeStore
    var chain: ChangeChain
    var differ: any ManifestDiffing
    var chainRetry = RetryPolicy(initial: .seconds(1), maximum: .seconds(60))
    var clock: any Clock<Duration> = ContinuousClock()
    var now: @Sendable () -> Date = { Date() }
    /// Called when a resource (in one namespace, or all) has compared its initial list with the baselines.
    var onSynced: (@Sendable (ResolvedWatch, String?) -> Void)?
    var logger: Logger

    func run() async throws {
        let config = try KubeConfig.load(kubeconfigPath: kubeconfigPath, context: context)
        try await KubeClient.withKubeClient(config: config, logger: logger) { client in
            let discovery = try await client.discovery()
            let watches = try Self.resolve(settings.resources, in: discovery)
            logger.info("watching manifests", metadata: ["resources": "\(watches.map(\.resource.description))", "cluster": "\(cluster)"])
            let service = ChangeWatchService(
                watches: watches, chain: chain, differ: differ, store: store, events: .reflectors(client),
                settings: ChangeWatchService.Settings(cluster: cluster, attempts: settings.attempts, chainRetry: chainRetry), clock: clock, now: now,
                logger: logger, onSynced: onSynced)
            try await service.run()
        }
    }

    /// Each configured resource as the server names it.
    /// - Throws: ``ChangeWatchResolutionError`` for a name the server does not serve, or a resource it cannot watch.
    static func resolve(_ resources: [WatchedResource], in discovery: Discovery) throws(ChangeWatchResolutionError) -> [ResolvedWatch] {
        var watches: [ResolvedWatch] = []
        for resource in resources {
            let info: APIResourceInfo
            do {
                info = try Self.lookUp(resource.name, in: discovery)
            } catch {
                let failed = discovery.failedGroupVersions.isEmpty ? "" : " (discovery failed for \(discovery.failedGroupVersions.joined(separator: ", ")))"
                throw ChangeWatchResolutionError(message: "changes: the cluster has no resource \"\(resource.name)\"\(failed)")
            }
            guard info.verbs.isEmpty || (info.verbs.contains("list") && info.verbs.contains("watch")) else {
                throw ChangeWatchResolutionError(message: "changes: \(info.resource) cannot be listed and watched (verbs: \(info.verbs.joined(separator: ", ")))")
            }
            watches.append(ResolvedWatch(info, watched: resource))
        }
        return watches
    }

    /// `group/version/resource` names one exactly; anything else goes through kubectl's rules (`Discovery.resolve`).
    private static func lookUp(_ name: String, in discovery: Discovery) throws -> APIResourceInfo {
        let parts = name.split(separator: "/").map(String.init)
        if parts.count == 3 || parts.count == 2 {
            let group = parts.count == 3 ? parts[0] : ""
            let version = parts[parts.count - 2]
            let plural = parts[parts.count - 1]
            if let match = discovery.resources.first(where: {
                $0.resource.group == group && $0.resource.version == version && $0.resource.resource == plural
            }) {
                return match
            }
            throw ChangeWatchResolutionError(message: "not served")
        }
        return try discovery.resolve(name)
    }
}

/// A configured resource the cluster does not serve.
struct ChangeWatchResolutionError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
