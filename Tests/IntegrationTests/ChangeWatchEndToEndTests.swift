import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import Logging
import MuninnCore
import MuninnStore
import NotifierFakes
import Testing

@testable import Muninn

/// The change watch of `muninn run` against the simulator over HTTPS, with kwatchman's chain (diff, log, slack to an
/// incoming webhook) and the SQLite store.
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchEndToEndTests {
    static let namespace = TestCluster.namespace

    static func deployment(_ name: String, image: String = "nginx:1.27", replicas: Int64 = 1) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["app": .string(name)]],
            "spec": [
                "replicas": .int(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                "template": ["metadata": ["labels": ["app": .string(name)]], "spec": ["containers": [["name": "app", "image": .string(image)]]]],
            ],
        ]
    }

    static func configMap(_ name: String, _ data: JSONValue) -> JSONValue {
        ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string(name), "namespace": .string(namespace)], "data": data]
    }

    static func settings(slackURL: String) -> ChangeWatchSettings {
        ChangeWatchSettings(
            resources: [
                WatchedResource(name: "deployments"), WatchedResource(name: "cm", namespaces: [namespace]),
                WatchedResource(name: "v1/secrets", namespaces: [namespace]),
            ],
            chain: [.diff(extraIgnoredPaths: []), .log, .slack(SlackChangeTarget(webhookURL: slackURL, clusterName: "e2e"))])
    }

    /// Titles of the attachments the hook got, in order.
    /// Whether the attachment's unified diff adds a line containing `fragment`.
    static func adds(_ payload: JSONValue, _ fragment: String) -> Bool {
        let text = payload["attachments"]?[0]?["text"]?.stringValue ?? ""
        return text.split(separator: "\n").contains { $0.hasPrefix("+") && !$0.hasPrefix("+++") && $0.contains(fragment) }
    }

    static func titles(_ payloads: [JSONValue]) -> [String] {
        payloads.compactMap { $0["attachments"]?[0]?["title"]?.stringValue }
    }

    /// Titles grouped by the kind they name (`UPDATE deployment\nns/name` -> `deployment`), each group in order.
    static func byKind(_ titles: [String]) -> [String: [String]] {
        Dictionary(grouping: titles) { title in
            String(title.split(separator: "\n").first?.split(separator: " ").last ?? "")
        }
    }

    static func withWatch(_ body: (inout TestCluster, FakeSlackWebhook, ChangeWatchHarness) async throws -> Void) async throws {
        try await TestCluster.with { cluster in
            try await withFakeSlackWebhook { hook, url in
                let harness = ChangeWatchHarness(
                    settings: settings(slackURL: url), storePath: cluster.directory.appendingPathComponent("changes.db").path,
                    kubeconfigPath: cluster.kubeconfigPath)
                try await body(&cluster, hook, harness)
            }
        }
    }

    @Test func deploymentsConfigMapsAndSecretsAreReportedAsKwatchmanDid() async throws {
        try await Self.withWatch { cluster, hook, harness in
            let simulator = cluster.simulator
            try simulator.create(.deployments, namespace: Self.namespace, Self.deployment("shop"))
            try await harness.running {
                // An image change.
                var shop = try simulator.get(.deployments, namespace: Self.namespace, name: "shop")
                shop[path: ["spec", "template", "spec", "containers"]] = [["name": "app", "image": "nginx:1.28"]]
                shop = try simulator.update(.deployments, namespace: Self.namespace, name: "shop", shop)
                let first = try await hook.waitForMessages(1)
                #expect(Self.titles(first) == ["UPDATE deployment\n\(Self.namespace)/shop"])
                #expect(first[0]["attachments"]?[0]?["text"]?.stringValue?.contains("nginx:1.28") == true)
                #expect(first[0]["attachments"]?[0]?["footer"] == "e2e")

                // A status-only update (as the controller writes it) and a re-apply that changes only an annotation and
                // the resourceVersion: nothing a user changed.
                var status = shop
                status["status"] = ["replicas": 1, "readyReplicas": 1, "observedGeneration": 2]
                try simulator.apply([.apply(.deployments, status)])
                shop = try simulator.get(.deployments, namespace: Self.namespace, name: "shop")
                shop[path: ["metadata", "annotations"]] = ["kubectl.kubernetes.io/last-applied-configuration": "{}"]
                shop = try simulator.update(.deployments, namespace: Self.namespace, name: "shop", shop)

                // A replicas change: reported (no policy ignores it here).
                shop[path: ["spec", "replicas"]] = 3
                try simulator.update(.deployments, namespace: Self.namespace, name: "shop", shop)
                let second = try await hook.waitForMessages(2)
                #expect(Self.adds(second[1], "replicas: 3"))

                try simulator.create(.configMaps, namespace: Self.namespace, Self.configMap("settings", ["mode": "fast"]))
                try simulator.patch(.configMaps, namespace: Self.namespace, name: "settings", ["data": ["mode": "safe"]])
                try simulator.create(.secrets, namespace: Self.namespace, ["metadata": ["name": "token"], "data": ["key": "c2VjcmV0"]])
                try simulator.delete(.deployments, namespace: Self.namespace, name: "shop")
                let all = try await hook.waitForMessages(6)
                // Each resource keeps its own order; resources are watched side by side.
                #expect(Self.byKind(Self.titles(all)) == [
                    "deployment": ["UPDATE deployment\n\(Self.namespace)/shop", "UPDATE deployment\n\(Self.namespace)/shop", "DELETE deployment\n\(Self.namespace)/shop"],
                    "configmap": ["ADD configmap\n\(Self.namespace)/settings", "UPDATE configmap\n\(Self.namespace)/settings"],
                    "secret": ["ADD secret\n\(Self.namespace)/token"],
                ])
                #expect(all.allSatisfy { ["#1ADA00", "#F39C12", "#FF0000"].contains($0["attachments"]?[0]?["color"]?.stringValue ?? "") })
            }
            // Every change is in the history, with its workload for the crash link.
            let stored = try await SQLiteStore.withStore(path: harness.storePath, logger: .init(label: "e2e")) { store in
                try await store.changes(ChangeQuery(cluster: "e2e", workload: Alert.Workload(kind: "Deployment", name: "shop")))
            }
            #expect(stored.map(\.action) == [.deleted, .updated, .updated])
            #expect(stored.last?.diff.fieldChanges.map(\.path) == ["spec.template.spec.containers[name=app].image"])
        }
    }

    @Test func aFailingSlackReceiverCausesRetriesThenExactlyOneMessage() async throws {
        try await Self.withWatch { cluster, hook, harness in
            let simulator = cluster.simulator
            try simulator.create(.deployments, namespace: Self.namespace, Self.deployment("shop"))
            try await harness.running {
                hook.failNext(2, with: .text("rollup_error", status: 500))
                try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 2]])
                _ = try await hook.waitForMessages(1)
                // A later change is the sign that nothing else is on its way.
                try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 4]])
                let payloads = try await hook.waitForMessages(2)
                #expect(payloads.count == 2)
                #expect(hook.snapshot.scripted.isEmpty)
                #expect(payloads.map { Self.adds($0, "replicas: 2") } == [true, false])
            }
        }
    }

    @Test func aChangeWhileStoppedIsReportedOnceAfterRestart() async throws {
        try await Self.withWatch { cluster, hook, harness in
            let simulator = cluster.simulator
            try simulator.create(.deployments, namespace: Self.namespace, Self.deployment("shop"))
            try simulator.create(.deployments, namespace: Self.namespace, Self.deployment("legacy"))
            // The first run: the initial list is silent.
            try await harness.running {}
            #expect(hook.payloads.isEmpty)

            try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["template": ["spec": ["containers": [["name": "app", "image": "nginx:2"]]]]]])
            try simulator.delete(.deployments, namespace: Self.namespace, name: "legacy")
            try simulator.create(.configMaps, namespace: Self.namespace, Self.configMap("flags", ["beta": "on"]))
            try await harness.running {
                let payloads = try await hook.waitForMessages(3)
                #expect(Set(Self.titles(payloads)) == [
                    "UPDATE deployment\n\(Self.namespace)/shop", "DELETE deployment\n\(Self.namespace)/legacy", "ADD configmap\n\(Self.namespace)/flags",
                ])
                let notes = payloads.compactMap { $0["attachments"]?[0]?["text"]?.stringValue }
                #expect(notes.count == 3 && notes.allSatisfy { $0.hasPrefix("_Changed while Muninn was not running; found at start-up._") })
            }
            // Restarted again: nothing is repeated; the next change is the next message.
            try await harness.running {
                try simulator.patch(.deployments, namespace: Self.namespace, name: "shop", ["spec": ["replicas": 5]])
                let payloads = try await hook.waitForMessages(4)
                #expect(payloads.count == 4)
                #expect(Self.adds(payloads[3], "replicas: 5"))
            }
        }
    }

    @Test func anUnknownResourceStopsTheWatchWithAClearError() async throws {
        try await TestCluster.with { cluster in
            let harness = ChangeWatchHarness(
                settings: ChangeWatchSettings(resources: [WatchedResource(name: "deploymnets")], chain: [.log]),
                storePath: cluster.directory.appendingPathComponent("changes.db").path, kubeconfigPath: cluster.kubeconfigPath)
            await #expect(throws: HarnessError.self) { try await harness.running {} }
            let discovery = try await cluster.withClient { try await $0.discovery() }
            #expect(throws: ChangeWatchResolutionError.self) { try ChangeWatchRunService.resolve([WatchedResource(name: "deploymnets")], in: discovery) }
            let resolved = try ChangeWatchRunService.resolve(
                [WatchedResource(name: "deploy"), WatchedResource(name: "ingresses.networking.k8s.io"), WatchedResource(name: "batch/v1/cronjobs")], in: discovery)
            #expect(resolved.map(\.resource.description) == ["apps/v1/deployments", "networking.k8s.io/v1/ingresses", "batch/v1/cronjobs"])
            #expect(resolved.map(\.kind) == ["Deployment", "Ingress", "CronJob"])
        }
    }
}
