import Foundation
import KubeJSON
import Logging
import Testing

@testable import KubeAPI

@Suite struct ReflectorHTTPTests {
    static func describe(_ event: InformerEvent<Pod>) -> String {
        switch event {
        case .added(let pod): "added \(pod.metadata.name)@\(pod.resourceVersion ?? "-")"
        case .modified(let pod): "modified \(pod.metadata.name)@\(pod.resourceVersion ?? "-")"
        case .deleted(let pod): "deleted \(pod.metadata.name)@\(pod.resourceVersion ?? "-")"
        case .synced: "synced"
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func listWatchRelistBackoffAndFailure() async throws {
        let server = try await FakeAPIServer.start()
        let clock = ManualClock()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL, credentials: .token("secret")), clock: clock)
        server.enqueue(
            // 1. Paged list from the cache.
            .json(200, PodJSON.list([PodJSON.item("a", rv: "10"), PodJSON.item("b", rv: "11")], rv: "100", continue: "page2")),
            .json(200, PodJSON.list([PodJSON.item("c", rv: "12")], rv: "100")),
            // 2. A watch chunked at odd boundaries, ending cleanly.
            .watch([
                PodJSON.event("ADDED", PodJSON.pod("d", rv: "101")),
                PodJSON.event("MODIFIED", PodJSON.pod("a", rv: "102")),
                PodJSON.bookmark(rv: "150"),
                PodJSON.event("DELETED", PodJSON.pod("b", rv: "151")),
            ]),
            // 3. Re-watch at once from 151: ERROR 410 inside the stream.
            .watch([PodJSON.expiredEvent()]),
            // 4. Relist from 151 without paging: a unchanged, c changed, e new, d gone.
            .json(200, PodJSON.list([PodJSON.item("a", rv: "102"), PodJSON.item("c", rv: "160"), PodJSON.item("e", rv: "161")], rv: "170")),
            // 5. Throttled by APF (text/plain) with Retry-After, then a 500 Status.
            .text(429, "Too many requests, please try again later.\n", headers: [("Retry-After", "3")]),
            .status(500, reason: "InternalError", message: "Internal error occurred: boom"),
            // 6. One event, then the response ends in the middle of the next event; then the TCP connection is
            //    dropped mid-event (with an abrupt close the client may or may not see the bytes before it).
            .watch([PodJSON.event("ADDED", PodJSON.pod("f", rv: "171")), String(PodJSON.event("ADDED", PodJSON.pod("g", rv: "172")).prefix(40))]),
            .watch([String(PodJSON.event("ADDED", PodJSON.pod("g", rv: "172")).prefix(40))], cut: true),
            // 7. HTTP 410 on the watch, then the relist at 171 is expired too: relist with "".
            .status(410, reason: "Expired", message: "too old resource version: 171 (180)"),
            .status(410, reason: "Expired", message: "The resourceVersion for the provided list is too old."),
            .json(200, PodJSON.list([PodJSON.item("a", rv: "102"), PodJSON.item("f", rv: "171")], rv: "200")),
            // 8. RBAC says no: thrown.
            .status(403, reason: "Forbidden", message: "pods is forbidden: User \\\"x\\\" cannot watch resource \\\"pods\\\"")
        )

        var seen: [String] = []
        var thrown: (any Error)?
        do {
            for try await event in client.reflector(for: .pods, namespace: "default", as: Pod.self, random: { 0.5 }) {
                seen.append(Self.describe(event))
            }
        } catch {
            thrown = error
        }
        try await client.shutdown()
        try await server.stop()

        #expect(seen == [
            "added a@10", "added b@11", "added c@12", "synced",
            "added d@101", "modified a@102", "deleted b@151",
            "modified c@160", "added e@161", "deleted d@-", "synced",
            "added f@171",
            "deleted c@-", "deleted e@-", "synced",
        ])
        guard case KubeAPIError.forbidden(let status) = try #require(thrown) else {
            Issue.record("expected forbidden, got \(String(describing: thrown))")
            return
        }
        #expect(status.code == 403)

        let requests = server.requests
        #expect(requests.count == 13)
        #expect(requests.allSatisfy { $0.header("Accept") == "application/json" })
        #expect(requests.allSatisfy { $0.header("Authorization") == "Bearer secret" })
        #expect(requests.allSatisfy { $0.header("User-Agent")?.hasPrefix("muninn/") == true })
        #expect(requests.allSatisfy { $0.path == "/api/v1/namespaces/default/pods" })
        #expect(requests[0].query == ["resourceVersion": "0", "limit": "500"])
        #expect(requests[1].query == ["continue": "page2", "limit": "500"])
        #expect(requests[2].query == ["watch": "true", "resourceVersion": "100", "allowWatchBookmarks": "true", "timeoutSeconds": "450"])
        #expect(requests[3].query["resourceVersion"] == "151")
        #expect(requests[4].query == ["resourceVersion": "151"])
        #expect(requests[5].query["resourceVersion"] == "170")
        #expect(requests[6].query["resourceVersion"] == "170")
        #expect(requests[7].query["resourceVersion"] == "170")
        #expect(requests[8].query["resourceVersion"] == "171")
        #expect(requests[9].query["resourceVersion"] == "171")
        #expect(requests[10].query == ["resourceVersion": "171"])
        #expect(requests[11].query == ["limit": "500"])
        #expect(requests[12].query["resourceVersion"] == "200")

        // 429: Retry-After 3 s beats the first backoff step; 500: second step (1.6 s × 1.5);
        // the cut after an event: the backoff was reset, so the first step again (0.8 s × 1.5); the dropped
        // connection: the second step.
        #expect(clock.sleeps == [.seconds(3), .milliseconds(2400), .milliseconds(1200), .milliseconds(2400)])
    }

    @Test(.timeLimit(.minutes(1)))
    func selectorsAndClusterScopeAreSent() async throws {
        let server = try await FakeAPIServer.start()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL), clock: ManualClock())
        server.enqueue(.json(200, PodJSON.list([], rv: "5")), .status(401, reason: "Unauthorized", message: "Unauthorized"))
        var events: [String] = []
        await #expect(throws: KubeAPIError.self) {
            for try await event in client.reflector(for: .pods, labelSelector: "app in (web,api)", fieldSelector: "spec.nodeName=n1", as: Pod.self) {
                events.append(Self.describe(event))
            }
        }
        try await client.shutdown()
        try await server.stop()
        #expect(events == ["synced"])
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[0].path == "/api/v1/pods")
        #expect(requests[0].query["labelSelector"] == "app in (web,api)")
        #expect(requests[0].query["fieldSelector"] == "spec.nodeName=n1")
        #expect(requests[1].query["fieldSelector"] == "spec.nodeName=n1")
        #expect(requests[0].header("Authorization") == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationEndsAReflectorWaitingOnAQuietWatch() async throws {
        let server = try await FakeAPIServer.start()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL), clock: ManualClock())
        server.enqueue(
            .json(200, PodJSON.list([PodJSON.item("a", rv: "1")], rv: "5")),
            .openStream(lines: [PodJSON.event("ADDED", PodJSON.pod("b", rv: "6"))])
        )
        let reflector = client.reflector(for: .pods, namespace: "default", as: Pod.self)
        let (probe, continuation) = AsyncStream.makeStream(of: String.self)
        var seen: [String] = []
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                do {
                    for try await event in reflector { continuation.yield(Self.describe(event)) }
                } catch is CancellationError {
                    continuation.yield("cancelled")
                }
            }
            for await line in probe {
                seen.append(line)
                if seen.count == 3 { group.cancelAll() }
            }
            try await group.waitForAll()
        }
        try await client.shutdown()
        try await server.stop()
        #expect(seen == ["added a@1", "synced", "added b@6", "cancelled"])
        #expect(server.requests.count == 2)
    }

    @Test(.timeLimit(.minutes(1)))
    func untypedReflectorForACustomResource() async throws {
        let server = try await FakeAPIServer.start()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL), clock: ManualClock())
        server.enqueue(
            .json(200, #"{"kind":"WidgetList","apiVersion":"example.com/v1","metadata":{"resourceVersion":"4"},"items":[{"metadata":{"name":"w1","resourceVersion":"3"},"spec":{"size":1}}]}"#),
            .watch([#"{"type":"MODIFIED","object":{"kind":"Widget","apiVersion":"example.com/v1","metadata":{"name":"w1","resourceVersion":"5"},"spec":{"size":2}}}"#])
        )
        let widgets = GroupVersionResource(group: "example.com", version: "v1", resource: "widgets")
        var sizes: [String] = []
        for try await event in client.reflector(for: widgets, as: JSONValue.self) {
            switch event {
            case .added(let value), .modified(let value):
                sizes.append("\(value.objectKey.name)=\(value[path: ["spec", "size"]]?.intValue ?? -1)")
            case .deleted:
                sizes.append("deleted")
            case .synced:
                sizes.append("synced")
            }
            if sizes.count == 3 { break }
        }
        try await client.shutdown()
        try await server.stop()
        #expect(sizes == ["w1=1", "synced", "w1=2"])
        #expect(server.requests.map(\.path) == ["/apis/example.com/v1/widgets", "/apis/example.com/v1/widgets"])
    }
}
