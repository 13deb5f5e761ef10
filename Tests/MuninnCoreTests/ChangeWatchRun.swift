import AsyncAlgorithms
import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import MuninnTesting

/// Runs a ``ChangeWatchService`` over scripted informer events until the script ends: `script` sends events into
/// one channel per scope (the send returns once the service took the event, so the previous one is done), and when
/// it returns the channels finish and the run ends once every event has been handled.
struct ChangeWatchRun {
    var watches = [ChangeObjects.deployments]
    var store: any ChangeStore
    var handlers: [any ChangeHandler]
    var attempts = 4
    var clock = ImmediateClock()

    typealias Channel = AsyncThrowingChannel<InformerEvent<JSONValue>, any Error>

    /// - Parameter script: gets the channel of each scope, keyed by namespace ("" for all).
    func run(_ script: ([String: Channel]) async throws -> Void) async throws {
        var channels: [String: Channel] = [:]
        for watch in watches {
            for namespace in watch.namespaced && !watch.namespaces.isEmpty ? watch.namespaces : [""] { channels[namespace] = Channel() }
        }
        let scopes = channels
        let service = ChangeWatchService(
            watches: watches, chain: ChangeChain(handlers), differ: FakeManifestDiffer(), store: store,
            events: ChangeEventSource { _, namespace in scopes[namespace ?? ""] ?? Channel() },
            settings: ChangeWatchService.Settings(cluster: ChangeObjects.cluster, attempts: attempts), clock: clock,
            now: { ChangeObjects.observedAt }, logger: Logger(label: "test.changes"))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await service.run() }
            do {
                try await script(scopes)
            } catch {
                for channel in scopes.values { channel.finish() }
                throw error
            }
            for channel in scopes.values { channel.finish() }
            try await group.waitForAll()
        }
    }

    /// A run over one scope with `events` in order.
    func run(_ events: [InformerEvent<JSONValue>]) async throws {
        try await run { channels in
            for event in events { await channels[""]?.send(event) }
        }
    }
}
