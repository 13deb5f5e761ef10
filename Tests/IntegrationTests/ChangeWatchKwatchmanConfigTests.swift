import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import NotifierFakes
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// kwatchman's own example configuration (its README, verbatim but for the Slack webhook URL, which points at the
/// local fake) given to the real `muninn run` the way a kwatchman deployment gives it (`KW_CONFIG_FILE`), against the
/// simulator: updates arrive as exactly kwatchman's Slack attachment; status-only updates, additions and deletions
/// (ignored by the example's `ignoreEvents`) send nothing but are still logged by the `log` step before it.
@Suite(.timeLimit(.minutes(2)))
struct ChangeWatchKwatchmanConfigTests {
    static let namespace = TestCluster.namespace
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/kwatchman-readme-config.toml")
    static let readmeWebhookURL = "https://slack-webhook-url"
    /// Nothing but what the test creates.
    static let emptyScenario = Scenario(namespaces: [namespace], nodes: ["node-1"], workloads: [], timeline: [])

    static func service(_ name: String, port: Int64) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["selector": ["app": .string(name)], "ports": [["name": "http", "port": .int(port), "protocol": "TCP"]]],
        ]
    }

    /// kwatchman's attachment, key by key (BEHAVIOR.md §4.5), for an update of `kind` `name`.
    static func expectKwatchmanUpdate(_ payload: JSONValue, kind: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(payload.objectValue.map { Array($0.keys) } == ["attachments"], sourceLocation: sourceLocation)
        #expect(payload["attachments"]?.arrayValue?.count == 1, sourceLocation: sourceLocation)
        let attachment = payload["attachments"]?[0]
        #expect(
            Set(attachment?.objectValue.map { Array($0.keys) } ?? []) == ["fallback", "color", "author_name", "author_link", "title", "text", "footer", "ts"],
            sourceLocation: sourceLocation)
        let title = "UPDATE \(kind)\n\(namespace)/\(name)"
        #expect(attachment?["title"]?.stringValue == title, sourceLocation: sourceLocation)
        #expect(attachment?["fallback"]?.stringValue == title, sourceLocation: sourceLocation)
        #expect(attachment?["color"] == "#F39C12", sourceLocation: sourceLocation)
        #expect(attachment?["author_name"] == "snebel29/kwatchman", sourceLocation: sourceLocation)
        #expect(attachment?["author_link"] == "https://github.com/snebel29/kwatchman", sourceLocation: sourceLocation)
        #expect(attachment?["footer"] == "myClusterName", sourceLocation: sourceLocation)
        #expect(attachment?["ts"]?.intValue.map { abs(Double($0) - Date().timeIntervalSince1970) < 300 } == true, sourceLocation: sourceLocation)
        let text = attachment?["text"]?.stringValue ?? ""
        #expect(text.hasPrefix("```\n") && text.hasSuffix("\n```"), sourceLocation: sourceLocation)
    }

    /// Lines the attachment's diff adds (`+`), without the marker.
    static func added(_ payload: JSONValue) -> [String] {
        let text = payload["attachments"]?[0]?["text"]?.stringValue ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("+") && !$0.hasPrefix("+++") }.map { String($0.dropFirst()) }
    }

    /// Writes kwatchman's example (its webhook pointing at `hookURL`) and a Muninn YAML with the cluster and the
    /// store; returns the `muninn run` arguments and environment a kwatchman deployment would use.
    static func files(in cluster: TestCluster, hookURL: String) throws -> (arguments: [String], environment: [String: String]) {
        let example = try String(contentsOf: Self.example, encoding: .utf8)
        #expect(example.contains("webhookURL = \"\(Self.readmeWebhookURL)\""))
        let configFile = cluster.directory.appendingPathComponent("config.toml").path
        try example.replacingOccurrences(of: Self.readmeWebhookURL, with: hookURL).write(toFile: configFile, atomically: true, encoding: .utf8)
        let muninnConfig = cluster.directory.appendingPathComponent("muninn.yaml").path
        try """
            kubernetes:
              kubeconfig: \(cluster.kubeconfigPath)
            store:
              path: \(cluster.directory.appendingPathComponent("muninn.db").path)
            dashboard:
              enabled: false

            """.write(toFile: muninnConfig, atomically: true, encoding: .utf8)
        return (["run", "--config", muninnConfig], ["KW_CONFIG_FILE": configFile])
    }

    @Test func kwatchmansReadmeExampleRunsUnchanged() async throws {
        try await TestCluster.with(scenario: Self.emptyScenario, playFor: 0) { cluster in
            try await withFakeSlackWebhook { hook, hookURL in
                let run = try Self.files(in: cluster, hookURL: hookURL)
                let simulator = cluster.simulator
                try simulator.create(.deployments, namespace: Self.namespace, ChangeWatchEndToEndTests.deployment("shop", image: "nginx:1.27"))
                try simulator.create(.services, namespace: Self.namespace, Self.service("shop", port: 80))

                try await MuninnProcess.with(run.arguments, environment: run.environment) { muninn in
                    // deployment, service, statefulset, daemonset and ingress (networking.k8s.io/v1) each listed.
                    try await muninn.waitFor("change watch in sync", count: 5)
                    #expect(hook.payloads.isEmpty, "the initial list is a baseline")

                    // An image change: kwatchman's message.
                    var shop = try simulator.get(.deployments, namespace: Self.namespace, name: "shop")
                    shop[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
                    shop = try simulator.update(.deployments, namespace: Self.namespace, name: "shop", shop)
                    let first = try await hook.waitForMessages(1)
                    Self.expectKwatchmanUpdate(first[0], kind: "deployment", name: "shop")
                    #expect(Self.added(first[0]).contains { $0.hasSuffix("image: nginx:1.28") }, "\(first[0])")

                    // Nothing to send: a status-only update, an unchanged re-write, additions and deletions (the example
                    // ignores Add and Delete).
                    var status = shop
                    status["status"] = ["replicas": 1, "readyReplicas": 1, "observedGeneration": 2]
                    try simulator.apply([.apply(.deployments, status)])
                    // A write of the object as it is (a re-apply with nothing new): at most a new resourceVersion.
                    try simulator.update(
                        .deployments, namespace: Self.namespace, name: "shop", try simulator.get(.deployments, namespace: Self.namespace, name: "shop"))
                    try simulator.create(.deployments, namespace: Self.namespace, ChangeWatchEndToEndTests.deployment("batch"))
                    try simulator.delete(.deployments, namespace: Self.namespace, name: "batch")
                    try simulator.create(.services, namespace: Self.namespace, Self.service("api", port: 8080))
                    try simulator.delete(.services, namespace: Self.namespace, name: "api")

                    // Then an update of each kind: each resource is read in order, so its message comes after everything
                    // above was handled.
                    try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 3]])
                    try simulator.patch(.services, namespace: Self.namespace, name: "shop", ["spec": ["ports": [["name": "http", "port": 8080, "protocol": "TCP"]]]])
                    let all = try await hook.waitForMessages(3)
                    #expect(all.count == 3)
                    let byTitle = Dictionary(grouping: all.dropFirst()) { $0["attachments"]?[0]?["title"]?.stringValue ?? "" }
                    #expect(byTitle.keys.sorted() == ["UPDATE deployment\n\(Self.namespace)/shop", "UPDATE service\n\(Self.namespace)/shop"])
                    for payload in all.dropFirst() {
                        let kind = payload["attachments"]?[0]?["title"]?.stringValue?.hasPrefix("UPDATE service") == true ? "service" : "deployment"
                        Self.expectKwatchmanUpdate(payload, kind: kind, name: "shop")
                    }
                    #expect(byTitle["UPDATE deployment\n\(Self.namespace)/shop"]?.first.map(Self.added) == ["  replicas: 3"])
                    #expect(byTitle["UPDATE service\n\(Self.namespace)/shop"]?.first.map(Self.added)?.contains { $0.hasSuffix("port: 8080") } == true)

                    // The log step ran for every change, the ignored ones included (it comes before ignoreEvents): two
                    // updates of the deployment, one of the service, and the two additions and deletions. Not the status.
                    try await muninn.waitFor("manifest change", count: 7)
                    await muninn.stop()
                    #expect(MuninnProcess.occurrences(of: "manifest change", in: muninn.output) == 7)
                    #expect(hook.payloads.count == 3)
                }
            }
        }
    }

    @Test func aChangeWhileStoppedIsReportedOnceAfterARestart() async throws {
        try await TestCluster.with(scenario: Self.emptyScenario, playFor: 0) { cluster in
            try await withFakeSlackWebhook { hook, hookURL in
                let run = try Self.files(in: cluster, hookURL: hookURL)
                let simulator = cluster.simulator
                try simulator.create(.deployments, namespace: Self.namespace, ChangeWatchEndToEndTests.deployment("shop"))
                /// Starts `muninn run`, waits until every resource compared its list with the baselines, runs `body`,
                /// then stops it with SIGTERM, as Kubernetes stops a pod.
                func running(_ body: () async throws -> Void) async throws {
                    try await MuninnProcess.with(run.arguments, environment: run.environment) { muninn in
                        try await muninn.waitFor("change watch in sync", count: 5)
                        try await body()
                    }
                }

                try await running {}
                #expect(hook.payloads.isEmpty)
                // While Muninn is stopped.
                try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:2"]]]]]])
                try await running {
                    let payloads = try await hook.waitForMessages(1)
                    #expect(payloads[0]["attachments"]?[0]?["title"]?.stringValue == "UPDATE deployment\n\(Self.namespace)/shop")
                    let text = payloads[0]["attachments"]?[0]?["text"]?.stringValue ?? ""
                    #expect(text.hasPrefix("_Changed while Muninn was not running; found at start-up._\n```\n"), "\(text)")
                    #expect(Self.added(payloads[0]).contains { $0.hasSuffix("image: nginx:2") })
                }
                // Started again: nothing is repeated; the next change is the next message.
                try await running {
                    try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 4]])
                    let payloads = try await hook.waitForMessages(2)
                    #expect(payloads.count == 2)
                    #expect(Self.added(payloads[1]) == ["  replicas: 4"])
                }
            }
        }
    }

    /// SIGTERM while the Slack post of a change is on its way (Slack answers slowly): Muninn waits for the answer,
    /// records the change, then exits; started again, it does not send the change a second time.
    ///
    /// The held answer is sent by a task of this test process, which needs a thread of the cooperative pool (one per
    /// core). The exit is therefore awaited (``MuninnProcess/exited()``), never waited for with a blocked thread: a
    /// blocking wait here, while a test beside it blocked the pool's other thread the same way, left no thread to
    /// send the answer until Muninn's drain (10 s) cut the change off (the flaky failure).
    @Test func aSIGTERMDuringTheChainLetsItFinishAndNothingIsRepeated() async throws {
        try await TestCluster.with(scenario: Self.emptyScenario, playFor: 0) { cluster in
            let hook = FakeSlackWebhook()
            let held = ChangeWatchHeldRequest()
            defer { held.release() }
            try await withFakeServer({ request in
                await held.holdFirst()
                return hook.handle(request)
            }) { port in
                let run = try Self.files(in: cluster, hookURL: "http://127.0.0.1:\(port)\(FakeSlackWebhook.hookPath)")
                let simulator = cluster.simulator
                try simulator.create(.deployments, namespace: Self.namespace, ChangeWatchEndToEndTests.deployment("shop"))

                try await MuninnProcess.with(run.arguments, environment: run.environment) { first in
                    try await first.waitFor("change watch in sync", count: 5)
                    try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:2"]]]]]])
                    await held.waitForArrival()
                    kill(first.processIdentifier, SIGTERM)
                    try await first.waitFor("shutting down: finishing the changes in the chain first")
                    held.release()
                    #expect(await first.exited() == 0)
                    #expect(hook.payloads.count == 1)
                    #expect(!first.output.contains("drain timed out"))
                }

                try await MuninnProcess.with(run.arguments, environment: run.environment) { second in
                    try await second.waitFor("change watch in sync", count: 5)
                    try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 4]])
                    let payloads = try await hook.waitForMessages(2)
                    #expect(payloads.count == 2)
                    #expect(Self.added(payloads[1]) == ["  replicas: 4"], "\(payloads[1])")
                    #expect(payloads.allSatisfy { ($0["attachments"]?[0]?["text"]?.stringValue ?? "").hasPrefix("```") }, "none is marked as found at start-up")
                }
            }
        }
    }
}
