import Foundation
import Logging
import MuninnCore

extension PipelineAssembly {
    /// The differ of `muninn run`'s change watch.
    static let defaultDiffer: (any ManifestDiffing)? = ManifestDiffer()

    /// The change watch for `configuration.changes`, or nil when no resources are configured.
    /// - Throws: ``ConfigurationError`` when the chain cannot be built, the store keeps no changes, or this build has no differ.
    func changeWatch(
        store: any OutboxStore, notifiers: [String: any Notifier], differ: (any ManifestDiffing)? = PipelineAssembly.defaultDiffer,
        onSynced: (@Sendable (ResolvedWatch, String?) -> Void)? = nil, logger: Logger
    ) throws -> ChangeWatchRunService? {
        guard let settings = configuration.changes?.settings, !settings.resources.isEmpty else { return nil }
        guard let changeStore = store as? any ChangeStore else {
            throw ConfigurationError(file: "configuration", line: nil, key: "changes", message: "this store cannot keep changes")
        }
        guard let differ else {
            throw ConfigurationError(file: "configuration", line: nil, key: "changes", message: "this build of Muninn has no manifest differ")
        }
        let chain = try ChangeHandlerFactory(notifiers: notifiers, httpClient: httpClient).chain(for: settings.chain)
        return ChangeWatchRunService(
            settings: settings, cluster: configuration.clusterName, kubeconfigPath: configuration.kubeconfig, context: configuration.context,
            store: changeStore, chain: chain, differ: differ, onSynced: onSynced, logger: logger)
    }
}
