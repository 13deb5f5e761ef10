import Foundation
import KubeJSON
import Synchronization
import Testing

@testable import KubeAPI

/// `onRestart` sees every time the reflector watches or lists again, with why, and changes nothing it yields.
@Suite struct ReflectorRestartTests {
    @Test(.timeLimit(.minutes(1)))
    func everyRewatchAndRelistIsReportedWithItsReason() async throws {
        let server = try await FakeAPIServer.start()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL), clock: ManualClock())
        server.enqueue(
            .json(200, PodJSON.list([PodJSON.item("a", rv: "10")], rv: "100")),
            // Ends cleanly after an event: watched again at once.
            .watch([PodJSON.event("ADDED", PodJSON.pod("b", rv: "101"))]),
            // ERROR 410 in the stream: listed again.
            .watch([PodJSON.expiredEvent()]),
            .json(200, PodJSON.list([PodJSON.item("a", rv: "10"), PodJSON.item("b", rv: "101")], rv: "110")),
            // The watch cannot be opened (503): backed off and watched again, which ends cleanly.
            .status(503, reason: "ServiceUnavailable", message: "the server is shutting down"),
            .watch([PodJSON.event("MODIFIED", PodJSON.pod("a", rv: "111"))]),
            // HTTP 410 on the watch, then the relist fails once (500) before it succeeds.
            .status(410, reason: "Expired", message: "too old resource version: 111 (120)"),
            .status(500, reason: "InternalError", message: "boom"),
            .json(200, PodJSON.list([PodJSON.item("a", rv: "111")], rv: "130")),
            // Not a restart: the sequence ends with the error.
            .status(403, reason: "Forbidden", message: "pods is forbidden")
        )
        let restarts = Mutex<[WatchRestartReason]>([])
        var seen: [String] = []
        await #expect(throws: KubeAPIError.self) {
            for try await event in client.reflector(
                for: .pods, namespace: "default", as: Pod.self, random: { 0.5 }, onRestart: { reason in restarts.withLock { $0.append(reason) } })
            {
                seen.append(ReflectorHTTPTests.describe(event))
            }
        }
        try await client.shutdown()
        try await server.stop()
        #expect(restarts.withLock { $0 } == [.ended, .expired, .failed, .ended, .expired, .failed])
        #expect(seen == [
            "added a@10", "synced", "added b@101", "synced", "modified a@111", "deleted b@-", "synced",
        ])
    }
}
