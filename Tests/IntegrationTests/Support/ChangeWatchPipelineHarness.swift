import Foundation
import KubeAPI
import Logging
import MuninnCore
import MuninnStore

@testable import Muninn

/// Runs what `muninn run` runs for a configuration with `changes:` — the alert pipeline (detection, enrichment with
/// the crash link, delivery) and the change watch — over one SQLite store, against a `TestCluster`, while a test body
/// runs. The change watch's wall clock is the test's (`changesNow`), so the time between a change and a crash
/// follows the simulated cluster's clock, not the machine's.
struct ChangeWatchPipelineHarness {
    let configuration: MuninnConfiguration

    /// - Parameter yaml: a Muninn configuration file's text; `kubernetes.kubeconfig` and `store.path` are set here.
    init(yaml: String, cluster: TestCluster, storePath: String) throws {
        configuration = try PipelineHarness(yaml: yaml, cluster: cluster, storePath: storePath).configuration
    }

    /// Runs both from the moment the pods are listed and every watched resource has compared its list with the
    /// baselines, until `body` returns; then stops them as a crash would (cancellation).
    func running<Result: Sendable>(changesNow: @escaping @Sendable () -> Date, _ body: () async throws -> Result) async throws -> Result {
        let scopes = configuration.changes?.settings.resources.reduce(0) { $0 + max(1, $1.namespaces.count) } ?? 0
        return try await SQLiteStore.withStore(path: configuration.store.path, logger: Logger(label: "e2e.store")) { store in
            let assembly = PipelineAssembly(configuration: configuration, consoleWrite: { _ in })
            let notifiers = try assembly.notifiers()
            let (ready, readyContinuation) = AsyncStream.makeStream(of: Readiness.self)
            let pipeline = assembly.service(
                store: store, notifiers: notifiers,
                onEvent: { event, _ in
                    if case .synced = event { readyContinuation.yield(.podsListed) }
                }, logger: Logger(label: "e2e.pipeline"))
            guard
                var changeWatch = try assembly.changeWatch(
                    store: store, notifiers: notifiers, onSynced: { _, _ in readyContinuation.yield(.scopeInSync) }, logger: Logger(label: "e2e.changes"))
            else { throw HarnessError(description: "no resources configured under changes:") }
            changeWatch.now = changesNow
            let watch = changeWatch
            return try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await pipeline.run()
                    } catch is CancellationError {
                        // The expected end.
                    }
                }
                group.addTask {
                    do {
                        try await watch.run()
                        readyContinuation.yield(.failed("the change watch ended"))
                    } catch is CancellationError {
                        // The expected end.
                    } catch {
                        readyContinuation.yield(.failed("the change watch failed: \(error)"))
                    }
                }
                var podsListed = false, scopesInSync = 0
                for await signal in ready {
                    switch signal {
                    case .podsListed: podsListed = true
                    case .scopeInSync: scopesInSync += 1
                    case .failed(let why): throw HarnessError(description: why)
                    }
                    if podsListed && scopesInSync == scopes { break }
                }
                let result = try await body()
                group.cancelAll()
                try? await group.waitForAll()  // try?: a stage may end in its own cancellation error
                return result
            }
        }
    }

    private enum Readiness: Sendable {
        case podsListed
        case scopeInSync
        case failed(String)
    }
}
