import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnStore
import MuninnTesting
import ServiceLifecycle

@testable import Muninn

/// Runs `muninn run`'s change watch (discovery, a reflector per resource over HTTPS, the chain built from its specs,
/// the SQLite store, the real differ) against a `TestCluster`.
struct ChangeWatchHarness {
    var settings: ChangeWatchSettings
    var storePath: String
    var kubeconfigPath: String

    /// Runs the watch while `body` runs, from the moment every resource has compared its initial list with the
    /// baselines; then stops it as a crash or SIGKILL would (cancellation): the next run starts from the store alone.
    func running<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        var configuration = MuninnConfiguration()
        configuration.clusterName = "e2e"
        configuration.kubeconfig = kubeconfigPath
        configuration.changes = ChangeWatchConfiguration(settings: settings, source: .yaml(file: "e2e.yaml"))
        let scopes = settings.resources.reduce(0) { $0 + max(1, $1.namespaces.count) }
        // A scope synced (nil), or the watch ended early (why).
        let (synced, syncedContinuation) = AsyncStream.makeStream(of: String?.self)
        return try await SQLiteStore.withStore(path: storePath, logger: Logger(label: "e2e.store")) { store in
            let assembly = PipelineAssembly(configuration: configuration, consoleWrite: { _ in })
            guard
                var service = try assembly.changeWatch(
                    store: store, notifiers: try assembly.notifiers(), differ: ManifestDiffer(),
                    onSynced: { _, _ in syncedContinuation.yield(nil) }, logger: Logger(label: "e2e.changes"))
            else { throw HarnessError(description: "no resources configured") }
            // Retries are asserted, not waited for: a millisecond apart. The clock stays real, so a graceful shutdown
            // gives a chain in flight its drain time.
            service.chainRetry = RetryPolicy(initial: .milliseconds(1), maximum: .milliseconds(4))
            // Stopped as `muninn run` stops it (graceful shutdown), so a chain still running when the body returns
            // finishes and stores its change before the test reads the store.
            let watch = ServiceGroup(configuration: .init(services: [.init(service: service)], logger: Logger(label: "e2e.group")))
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await watch.run()
                        syncedContinuation.yield("the change watch ended")
                    } catch is CancellationError {
                        // The expected end.
                    } catch {
                        syncedContinuation.yield("the change watch failed: \(error)")
                    }
                }
                var iterator = synced.makeAsyncIterator()
                for _ in 0..<scopes {
                    if case let failure?? = await iterator.next() { throw HarnessError(description: failure) }
                }
                let result = try await body()
                await watch.triggerGracefulShutdown()
                try? await group.waitForAll()  // try?: the watch may end in its own cancellation error
                return result
            }
        }
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
}
