import Foundation
import KubeJSON
import Testing

@testable import KubeAPI

@Suite struct ClientHTTPTests {
    /// Runs `body` against a fresh fake server and client, shutting both down afterwards.
    static func withServer(
        credentials: Credentials = .token("t"), clock: ManualClock = ManualClock(),
        _ body: (FakeAPIServer, KubeClient) async throws -> Void
    ) async throws {
        let server = try await FakeAPIServer.start()
        let client = try KubeClient(config: KubeConfig(server: server.baseURL, credentials: credentials), clock: clock)
        do {
            try await body(server, client)
        } catch {
            try await client.shutdown()
            try await server.stop()
            throw error
        }
        try await client.shutdown()
        try await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func listFollowsContinueTokensAndRestartsWhenATokenExpires() async throws {
        try await Self.withServer { server, client in
            server.enqueue(
                .json(200, PodJSON.list([PodJSON.item("a", rv: "1")], rv: "50", continue: "t1")),
                .status(410, reason: "Expired", message: "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."),
                .json(200, PodJSON.list([PodJSON.item("a", rv: "1")], rv: "60", continue: "t2")),
                .json(200, PodJSON.list([PodJSON.item("b", rv: "2")], rv: "60"))
            )
            let list = try await client.list(.pods, namespace: "default", as: Pod.self, options: ListOptions(labelSelector: "app=web", limit: 1))
            #expect(list.items.map(\.metadata.name) == ["a", "b"])
            #expect(list.metadata.resourceVersion == "60")
            #expect(list.metadata.continue == nil)
            let queries = server.requests.map(\.query)
            #expect(queries == [
                ["labelSelector": "app=web", "limit": "1"],
                ["labelSelector": "app=web", "limit": "1", "continue": "t1"],
                ["labelSelector": "app=web", "limit": "1"],
                ["labelSelector": "app=web", "limit": "1", "continue": "t2"],
            ])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func untypedListOfAnyKind() async throws {
        try await Self.withServer { server, client in
            server.enqueue(.json(200, #"{"kind":"WidgetList","apiVersion":"example.com/v1","metadata":{"resourceVersion":"3"},"items":[{"metadata":{"name":"w1","namespace":"ns"},"spec":{"n":1}}]}"#))
            let widgets = GroupVersionResource(group: "example.com", version: "v1", resource: "widgets")
            let list = try await client.list(widgets, namespace: "ns", as: JSONValue.self)
            #expect(list.items.first?[path: ["spec", "n"]]?.intValue == 1)
            #expect(server.requests.first?.path == "/apis/example.com/v1/namespaces/ns/widgets")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func nonWatchRequestsHonourRetryAfterBoundedly() async throws {
        let clock = ManualClock()
        try await Self.withServer(clock: clock) { server, client in
            server.enqueue(
                .text(429, "Too many requests, please try again later.\n", headers: [("Retry-After", "2")]),
                .status(503, reason: "ServiceUnavailable", message: "try again", retryAfter: 5),
                .json(200, PodJSON.pod("p", rv: "9"))
            )
            let pod = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self)
            #expect(pod.metadata.resourceVersion == "9")
            #expect(clock.sleeps == [.seconds(2), .seconds(5)])

            // Without Retry-After there is no retry; the text body becomes a synthesised Status.
            server.enqueue(.text(429, "Too many requests, please try again later.\n"))
            do {
                _ = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self)
                Issue.record("expected an error")
            } catch KubeAPIError.tooManyRequests(let status, let retryAfter) {
                #expect(status.reason == "TooManyRequests")
                #expect(status.code == 429)
                #expect(retryAfter == nil)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func retriesAreBounded() async throws {
        let clock = ManualClock()
        try await Self.withServer(clock: clock) { server, client in
            for _ in 0..<11 { server.enqueue(.status(500, reason: "InternalError", message: "x", retryAfter: 1)) }
            await #expect(throws: KubeAPIError.self) { _ = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self) }
            #expect(server.requests.count == 11)
            #expect(clock.sleeps.count == 10)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func errorsMapToTypedCases() async throws {
        try await Self.withServer { server, client in
            server.enqueue(
                .text(404, "404 page not found\n"),
                .status(404, reason: "NotFound", message: "pods \\\"x\\\" not found"),
                .status(403, reason: "Forbidden", message: "forbidden"),
                .status(422, reason: "Invalid", message: "invalid")
            )
            do {
                _ = try await client.get(.pods, namespace: "default", name: "x", as: Pod.self)
                Issue.record("expected an error")
            } catch KubeAPIError.notFound(let status) {
                #expect(status.message?.contains("could not find the requested resource") == true)
            }
            do {
                _ = try await client.get(.pods, namespace: "default", name: "x", as: Pod.self)
                Issue.record("expected an error")
            } catch KubeAPIError.notFound(let status) {
                #expect(status.message == "pods \"x\" not found")
            }
            do {
                _ = try await client.get(.pods, namespace: "default", name: "x", as: Pod.self)
                Issue.record("expected an error")
            } catch KubeAPIError.forbidden(let status) {
                #expect(status.code == 403)
            }
            do {
                _ = try await client.get(.pods, namespace: "default", name: "x", as: Pod.self)
                Issue.record("expected an error")
            } catch let error as KubeAPIError {
                guard case .invalid = error else {
                    Issue.record("expected invalid, got \(error)")
                    return
                }
                #expect(error.code == "invalid")
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func tokenFileIsReReadAfterA401() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tokenPath = try dir.write("token", "one")
        try await Self.withServer(credentials: .tokenFile(tokenPath)) { server, client in
            server.enqueue(.json(200, PodJSON.pod("p", rv: "1")))
            _ = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self)
            try dir.write("token", "two")
            server.enqueue(.status(401, reason: "Unauthorized", message: "Unauthorized"), .json(200, PodJSON.pod("p", rv: "2")))
            let pod = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self)
            #expect(pod.resourceVersion == "2")
            #expect(server.requests.map { $0.header("Authorization") } == ["Bearer one", "Bearer one", "Bearer two"])

            // A second 401 right after the refresh is surfaced.
            server.enqueue(.status(401, reason: "Unauthorized", message: "Unauthorized"), .status(401, reason: "Unauthorized", message: "Unauthorized"))
            await #expect(throws: KubeAPIError.self) { _ = try await client.get(.pods, namespace: "default", name: "p", as: Pod.self) }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func leasesGetCreateUpdateAndConflict() async throws {
        try await Self.withServer { server, client in
            let leaseJSON = #"{"kind":"Lease","apiVersion":"coordination.k8s.io/v1","metadata":{"name":"muninn","namespace":"kube-system","resourceVersion":"7"},"spec":{"holderIdentity":"me","leaseDurationSeconds":15,"renewTime":"2025-01-01T00:00:00.123456Z","leaseTransitions":0}}"#
            server.enqueue(
                .status(404, reason: "NotFound", message: "leases.coordination.k8s.io \\\"muninn\\\" not found"),
                .json(201, leaseJSON),
                .status(409, reason: "Conflict", message: "Operation cannot be fulfilled on leases.coordination.k8s.io \\\"muninn\\\": the object has been modified; please apply your changes to the latest version and try again"),
                .status(409, reason: "AlreadyExists", message: "leases.coordination.k8s.io \\\"muninn\\\" already exists")
            )
            await #expect(throws: KubeAPIError.self) { _ = try await client.get(.leases, namespace: "kube-system", name: "muninn", as: Lease.self) }
            var lease = Lease(
                metadata: ObjectMeta(name: "muninn", namespace: "kube-system"),
                spec: Lease.Spec(holderIdentity: "me", leaseDurationSeconds: 15, renewTime: MicroTime(Date(timeIntervalSince1970: 1_735_689_600.123456)), leaseTransitions: 0))
            let created = try await client.create(.leases, namespace: "kube-system", object: lease)
            #expect(created.metadata.resourceVersion == "7")
            lease = created
            lease.spec.holderIdentity = "other"
            do {
                _ = try await client.update(.leases, namespace: "kube-system", name: "muninn", object: lease)
                Issue.record("expected a conflict")
            } catch KubeAPIError.conflict(let status) {
                #expect(status.message?.contains("the object has been modified") == true)
            }
            do {
                _ = try await client.create(.leases, namespace: "kube-system", object: lease)
                Issue.record("expected alreadyExists")
            } catch KubeAPIError.alreadyExists {}

            let requests = server.requests
            #expect(requests[1].method == "POST")
            #expect(requests[1].path == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases")
            #expect(requests[1].header("Content-Type") == "application/json")
            let sent = try JSONValue(parsing: requests[1].body)
            #expect(sent[path: ["spec", "renewTime"]]?.stringValue == "2025-01-01T00:00:00.123456Z")
            #expect(sent["kind"]?.stringValue == "Lease")
            #expect(requests[2].method == "PUT")
            #expect(requests[2].path == "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/muninn")
            let updated = try JSONValue(parsing: requests[2].body)
            #expect(updated[path: ["metadata", "resourceVersion"]]?.stringValue == "7")
            #expect(updated[path: ["spec", "holderIdentity"]]?.stringValue == "other")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func logsSendOptionsAndSurfaceKubeletErrors() async throws {
        try await Self.withServer { server, client in
            server.enqueue(
                .text(200, "line 1\nline 2\n"),
                .status(400, reason: "BadRequest", message: "previous terminated container \\\"app\\\" in pod \\\"p\\\" not found"),
                .text(200, "0123456789")
            )
            let text = try await client.logs(
                namespace: "default", pod: "p",
                options: LogOptions(container: "app", tailLines: 50, sinceSeconds: 600, timestamps: true))
            #expect(text == "line 1\nline 2\n")
            #expect(server.requests[0].path == "/api/v1/namespaces/default/pods/p/log")
            #expect(server.requests[0].header("Accept") == "application/json, */*")
            #expect(server.requests[0].query == ["container": "app", "tailLines": "50", "sinceSeconds": "600", "timestamps": "true"])
            do {
                _ = try await client.logs(namespace: "default", pod: "p", options: LogOptions(container: "app", previous: true))
                Issue.record("expected logsUnavailable")
            } catch KubeAPIError.logsUnavailable(let message) {
                #expect(message == "previous terminated container \"app\" in pod \"p\" not found")
            }
            #expect(server.requests[1].query == ["container": "app", "previous": "true"])
            // limitBytes is sent and also enforced client-side.
            let capped = try await client.logs(namespace: "default", pod: "p", options: LogOptions(limitBytes: 4))
            #expect(capped == "0123")
            #expect(server.requests[2].query == ["limitBytes": "4"])
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func eventsForAnObjectUseAnInvolvedObjectFieldSelector() async throws {
        try await Self.withServer { server, client in
            let data = try FixtureDecodingTests.data("eventlist-core-v1-imagepull-eks.json")
            server.enqueue(.json(200, String(decoding: data, as: UTF8.self)))
            let events = try await client.events(involvedKind: "Pod", name: "web-1", namespace: "shop", uid: "u-1")
            #expect(!events.isEmpty)
            let dates = events.compactMap { $0.lastSeen?.date }
            #expect(dates == dates.sorted())
            #expect(server.requests[0].path == "/api/v1/namespaces/shop/events")
            #expect(server.requests[0].query["fieldSelector"] == "involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop,involvedObject.uid=u-1")
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func singleWatchYieldsTypedEvents() async throws {
        try await Self.withServer { server, client in
            server.enqueue(.watch([PodJSON.event("ADDED", PodJSON.pod("a", rv: "2")), PodJSON.bookmark(rv: "3"), PodJSON.expiredEvent()], chunkSizes: [1]))
            let stream = try await client.watch(.pods, namespace: "default", as: Pod.self, options: WatchOptions(resourceVersion: "1", timeoutSeconds: 30))
            var kinds: [String] = []
            for try await event in stream {
                switch event {
                case .added(let pod): kinds.append("added \(pod.metadata.name)")
                case .bookmark(let rv): kinds.append("bookmark \(rv)")
                case .error(let status): kinds.append("error \(status.code ?? 0)")
                case .modified, .deleted: kinds.append("other")
                }
            }
            #expect(kinds == ["added a", "bookmark 3", "error 410"])
            #expect(server.requests[0].query == ["watch": "true", "resourceVersion": "1", "allowWatchBookmarks": "true", "timeoutSeconds": "30"])
        }
    }
}
