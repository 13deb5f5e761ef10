import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import ServiceLifecycle

/// The change watch of `muninn run`: connects, resolves the configured resources through discovery (an unknown
/// name stops Muninn with a clear error), then runs the ``ChangeWatchService`` until shutdown. On SIGTERM a change
/// already in the chain is finished and recorded first, for at most `changes.drainTimeout` (10 s).
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
                settings: ChangeWatchService.Settings(
                    cluster: cluster, attempts: settings.attempts, chainRetry: chainRetry, drainTimeout: .seconds(settings.drainTimeoutSeconds)),
                clock: clock, now: now,
                logger: logger, onSynced: onSynced)
            try await service.run()
        }
    }

    /// Each configured resource as the server names it (kubectl's rules, `group/version/resource`, ingresses on
    /// networking.k8s.io/v1, Secrets' data hidden).
    /// - Throws: ``ChangeWatchResolutionError`` for a name the server does not serve, or a resource it cannot watch.
    static func resolve(_ resources: [WatchedResource], in discovery: Discovery) throws(ChangeWatchResolutionError) -> [ResolvedWatch] {
        do {
            return try WatchedResourceResolver.resolve(resources, discovery: discovery)
        } catch {
            let failed = discovery.failedGroupVersions.isEmpty ? "" : " (discovery failed for \(discovery.failedGroupVersions.joined(separator: ", ")))"
            throw ChangeWatchResolutionError(message: "changes: \(error)\(failed)")
        }
    }
}

/// A configured resource the cluster does not serve.
struct ChangeWatchResolutionError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
