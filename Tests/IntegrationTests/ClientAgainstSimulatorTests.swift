import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import MuninnTesting
import Testing

/// Muninn's Kubernetes client against the simulator over HTTPS, through the kubeconfig the
/// simulator writes: the same path Muninn takes to a real cluster, with every fault injected.
@Suite(.timeLimit(.minutes(2)))
struct ClientAgainstSimulatorTests {
    private static func configMap(_ name: String, _ namespace: String = "default") -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": .string(namespace)], "data": ["k": "v"]]
    }

    private static func describe(_ event: InformerEvent<JSONValue>?) -> String {
        switch event {
        case .added(let o): "added \(o[path: ["metadata", "name"]]?.stringValue ?? "?")"
        case .modified(let o): "modified \(o[path: ["metadata", "name"]]?.stringValue ?? "?")"
        case .deleted(let o): "deleted \(o[path: ["metadata", "name"]]?.stringValue ?? "?")"
        case .synced: "synced"
        case nil: "end"
        }
    }

    private static func lists(_ simulator: Simulator) -> Int {
        simulator.recorder.requests.filter { $0.method == "GET" && $0.path.hasSuffix("/configmaps") && !$0.query.contains("watch=") }.count
    }

    private static func watches(_ simulator: Simulator) -> Int {
        simulator.recorder.requests.filter { $0.path.hasSuffix("/configmaps") && $0.query.contains("watch=") }.count
    }

    @Test func listFollowsContinueTokensAcrossPages() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            for i in 0..<7 { _ = try cluster.simulator.create(.configMaps, namespace: "default", Self.configMap("cm-\(i)")) }
            try await cluster.withClient { client in
                let list = try await client.list(.configMaps, namespace: "default", as: JSONValue.self, options: ListOptions(limit: 2))
                #expect(list.items.count == 7)
            }
            let pages = cluster.simulator.recorder.requests.filter { $0.path.hasSuffix("/configmaps") }
            #expect(pages.count == 4)
            #expect(pages.dropFirst().allSatisfy { $0.query.contains("continue=") })
            #expect(pages.allSatisfy { $0.header("Accept") == "application/json" })
        }
    }

    @Test func anExpiredContinueTokenIsTypedAndAFullListRestarts() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            for i in 0..<5 { _ = try cluster.simulator.create(.configMaps, namespace: "default", Self.configMap("cm-\(i)")) }
            try await cluster.withClient { client in
                let first = try await client.listPage(.configMaps, namespace: "default", as: JSONValue.self, options: ListOptions(limit: 2))
                let token = try #require(first.metadata.continue)
                cluster.simulator.expireContinueTokens()
                await #expect {
                    _ = try await client.listPage(.configMaps, namespace: "default", as: JSONValue.self, options: ListOptions(limit: 2), continue: token)
                } throws: { error in
                    guard case KubeAPIError.expired(let status) = error else { return false }
                    return status.message?.hasPrefix("The provided continue parameter is too old") == true
                }
                cluster.simulator.failNext(count: 1, status: 503, retryAfter: 1)
                let all = try await client.list(.configMaps, namespace: "default", as: JSONValue.self, options: ListOptions(limit: 2))
                #expect(all.items.count == 5)
            }
        }
    }

    @Test func reflectorSurvivesEveryWatchFault() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let simulator = cluster.simulator
            _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("a"))
            _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("b"))
            let clock = ImmediateClock()
            try await cluster.withClient { client in
                var events = client.reflector(for: .configMaps, namespace: "default", as: JSONValue.self, clock: clock, random: { 0.5 })
                    .makeAsyncIterator()
                var initial = [Self.describe(try await events.next()), Self.describe(try await events.next())]
                initial.sort()
                #expect(initial == ["added a", "added b"])
                #expect(Self.describe(try await events.next()) == "synced")

                // A change arrives through the watch.
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("c"))
                #expect(Self.describe(try await events.next()) == "added c")

                // The server ends the watch cleanly: re-watch from the last RV, no relist, no backoff.
                simulator.closeAllWatches()
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("d"))
                #expect(Self.describe(try await events.next()) == "added d")
                #expect(Self.lists(simulator) == 1)
                #expect(clock.sleeps.isEmpty)

                // A stream cut in the middle of an event: resume from the last complete event, nothing lost or repeated.
                simulator.cutWatchesMidEvent()
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("e"))
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("f"))
                #expect(Self.describe(try await events.next()) == "added e")
                #expect(Self.describe(try await events.next()) == "added f")
                #expect(Self.lists(simulator) == 1)

                // Changes the watch never delivered, and an expired resourceVersion: relist, with a
                // synthetic DELETED for what vanished and nothing for what did not change.
                simulator.closeAllWatches()
                _ = try simulator.delete(.configMaps, namespace: "default", name: "b")
                _ = try simulator.patch(.configMaps, namespace: "default", name: "a", ["data": ["k": "changed"]])
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("g"))
                simulator.compactHistory()
                var relisted: [String] = []
                while true {
                    let event = Self.describe(try await events.next())
                    if event == "synced" { break }
                    relisted.append(event)
                }
                #expect(relisted.sorted() == ["added g", "deleted b", "modified a"])
                #expect(Self.lists(simulator) == 2)

                // 429 with Retry-After on the next watch: wait as told, then carry on.
                simulator.failNext(count: 1, status: 429, retryAfter: 3)
                simulator.closeAllWatches()
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("h"))
                #expect(Self.describe(try await events.next()) == "added h")
                #expect(clock.sleeps.contains(.seconds(3)))

                // 500s back off exponentially; the first wait is within the jittered initial window.
                let sleepsBefore = clock.sleeps.count
                simulator.failNext(count: 2, status: 500)
                simulator.closeAllWatches()
                _ = try simulator.create(.configMaps, namespace: "default", Self.configMap("i"))
                #expect(Self.describe(try await events.next()) == "added i")
                let backoffs = Array(clock.sleeps.dropFirst(sleepsBefore))
                #expect(backoffs.count == 2)
                if backoffs.count == 2 { #expect(backoffs[1] > backoffs[0]) }
            }
        }
    }

    @Test func unauthorizedAndForbiddenAreLoud() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let wrongToken = try String(contentsOfFile: cluster.kubeconfigPath, encoding: .utf8)
                .replacingOccurrences(of: "test-token-123", with: "not-the-token")
            let path = cluster.directory.appendingPathComponent("wrong").path
            try wrongToken.write(toFile: path, atomically: true, encoding: .utf8)
            let config = try KubeConfig.load(kubeconfigPath: path, context: nil, environment: [:])
            try await KubeClient.withKubeClient(config: config) { client in
                await #expect {
                    for try await _ in client.reflector(for: .pods, as: Pod.self, clock: ImmediateClock()) {}
                } throws: { error in
                    guard case KubeAPIError.unauthorized = error else { return false }
                    return true
                }
            }
            cluster.simulator.forbid(verb: "list", resource: "pods")
            try await cluster.withClient { client in
                await #expect {
                    for try await _ in client.reflector(for: .pods, as: Pod.self, clock: ImmediateClock()) {}
                } throws: { error in
                    guard case KubeAPIError.forbidden(let status) = error else { return false }
                    return status.message?.contains("cannot list resource \"pods\"") == true
                }
            }
        }
    }

    @Test func logsOfThePreviousInstanceAndTheKubeletsRefusal() async throws {
        try await TestCluster.with { cluster in
            let crashy = try cluster.podName(of: "crashy")
            let web = try cluster.podName(of: "web")
            try await cluster.withClient { client in
                let previous = try await client.logs(namespace: TestCluster.namespace, pod: crashy, options: LogOptions(container: "app", previous: true))
                #expect(!previous.isEmpty)
                let tail = try await client.logs(namespace: TestCluster.namespace, pod: crashy, options: LogOptions(container: "app", previous: true, tailLines: 1))
                #expect(tail.split(separator: "\n").count == 1)
                #expect(previous.hasSuffix(tail))
                await #expect {
                    _ = try await client.logs(namespace: TestCluster.namespace, pod: web, options: LogOptions(container: "web", previous: true))
                } throws: { error in
                    guard case KubeAPIError.logsUnavailable(let message) = error else { return false }
                    return message == "previous terminated container \"web\" in pod \"\(web)\" not found"
                }
            }
        }
    }

    @Test func typedPodsEventsAndCrashState() async throws {
        try await TestCluster.with { cluster in
            let crashy = try cluster.podName(of: "crashy")
            try await cluster.withClient { client in
                let pod = try await client.get(.pods, namespace: TestCluster.namespace, name: crashy, as: Pod.self)
                let status = try #require(pod.status.containerStatuses.first { $0.name == "app" })
                #expect(status.restartCount >= 1)
                let last = try #require(status.lastState.terminatedDetails)
                #expect(last.exitCode == 3)
                #expect(last.reason == "Error")
                #expect(pod.metadata.ownerReferences.first?.kind == "ReplicaSet")
                let events = try await client.events(involvedKind: "Pod", name: crashy, namespace: TestCluster.namespace)
                #expect(events.contains { $0.reason == "BackOff" })
                #expect(events.contains { $0.reason == "Started" })
            }
        }
    }

    @Test func leasesConflictOnAStaleResourceVersion() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            try await cluster.withClient { client in
                let lease: JSONValue = [
                    "apiVersion": "coordination.k8s.io/v1", "kind": "Lease", "metadata": ["name": "muninn-leader", "namespace": "default"],
                    "spec": ["holderIdentity": "replica-a", "leaseDurationSeconds": 15],
                ]
                _ = try await client.create(.leases, namespace: "default", object: lease)
                var first = try await client.get(.leases, namespace: "default", name: "muninn-leader", as: Lease.self)
                var second = first
                #expect(first.spec.holderIdentity == "replica-a")
                first.spec.holderIdentity = "replica-b"
                _ = try await client.update(.leases, namespace: "default", name: "muninn-leader", object: first)
                second.spec.holderIdentity = "replica-c"
                await #expect {
                    _ = try await client.update(.leases, namespace: "default", name: "muninn-leader", object: second)
                } throws: { error in
                    guard case KubeAPIError.conflict(let status) = error else { return false }
                    return status.message?.contains("the object has been modified") == true
                }
            }
        }
    }

    @Test func discoveryResolvesShortNamesAndCustomResources() async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let crd: JSONValue = [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "widgets.example.com"],
                "spec": [
                    "group": "example.com", "scope": "Namespaced",
                    "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
                    "versions": [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]]],
                ],
            ]
            _ = try cluster.simulator.create(.customResourceDefinitions, crd)
            try await cluster.withClient { client in
                let discovery = try await client.discovery()
                #expect(try discovery.resolve("deploy").resource == .deployments)
                #expect(try discovery.resolve("sts").resource == .statefulSets)
                #expect(try discovery.resolve("ing").resource == .ingresses)
                #expect(try discovery.resolve("cm").resource == .configMaps)
                #expect(try discovery.resolve("Deployment").resource == .deployments)
                let widgets = try discovery.resolve("wd")
                #expect(widgets.resource == GroupVersionResource(group: "example.com", version: "v1", resource: "widgets"))
                #expect(widgets.namespaced)
                #expect(throws: KubeAPIError.self) { try discovery.resolve("deployment-typo") }
            }
        }
    }

    @Test func clientCertificateAuthentication() async throws {
        try await TestCluster.with(SimulatorConfiguration(tls: true, auth: .clientCertificate), playFor: 0) { cluster in
            try await cluster.withClient { client in
                let nodes = try await client.list(.nodes, as: Node.self)
                #expect(nodes.items.map(\.metadata.name) == ["node-1"])
            }
        }
    }
}
