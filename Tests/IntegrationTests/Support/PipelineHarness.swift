import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnStore

@testable import Muninn

/// Runs the real alert pipeline of `muninn run` (configuration parsed from YAML, notifiers, SQLite outbox,
/// detection through the real client over HTTPS) against a `TestCluster`, for as long as a test body runs.
struct PipelineHarness {
    let configuration: MuninnConfiguration

    /// - Parameter yaml: a Muninn configuration file's text; `kubernetes.kubeconfig` and `store.path` are set here.
    init(yaml: String, cluster: TestCluster, storePath: String) throws {
        let text = yaml + """

            kubernetes:
              kubeconfig: \(cluster.kubeconfigPath)
            store:
              path: \(storePath)
            """
        configuration = try MuninnConfiguration.parse(text, file: "e2e.yaml")
    }

    /// Runs the pipeline while `body` runs (from the end of its first list on), then stops it as a crash would (cancellation, no drain): what the
    /// next run must make good comes from the store alone.
    func running<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        try await SQLiteStore.withStore(path: configuration.store.path, logger: Logger(label: "e2e.store")) { store in
            let assembly = PipelineAssembly(configuration: configuration, consoleWrite: { _ in })
            let (synced, syncedContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let pipeline = assembly.service(
                store: store, notifiers: try assembly.notifiers(),
                onEvent: { event, _ in
                    if case .synced = event { syncedContinuation.yield() }
                }, logger: Logger(label: "e2e.pipeline"))
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await pipeline.run()
                    } catch is CancellationError {
                        // The expected end.
                    }
                }
                // The cluster changes only once Muninn has listed it: what happens later is news, not baseline.
                var iterator = synced.makeAsyncIterator()
                _ = await iterator.next()
                let result = try await body()
                group.cancelAll()
                try? await group.waitForAll()  // try?: a stage may end in its own cancellation error
                return result
            }
        }
    }
}
