import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import MuninnCore
import NotifierFakes
import Testing

/// Diff policies on the simulator through `muninn run`'s change watch: a replicas change is reported unless a policy
/// ignores it — per resource (`ignorePaths`, as for a Deployment an HPA scales) or per object (the
/// `muninn.io/diff-ignore` annotation).
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchPolicyEndToEndTests {
    static let namespace = TestCluster.namespace

    static func settings(slackURL: String) -> ChangeWatchSettings {
        ChangeWatchSettings(
            resources: [
                WatchedResource(name: "deployments", namespaces: [namespace], policy: DiffPolicy(ignoredPaths: ["spec.replicas"])),
                WatchedResource(name: "statefulsets", namespaces: [namespace]),
            ],
            chain: [.diff(extraIgnoredPaths: []), .slack(SlackChangeTarget(webhookURL: slackURL, clusterName: "e2e"))])
    }

    static func statefulSet(_ name: String, replicas: Int64, annotations: JSONValue? = nil) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
        if let annotations { metadata["annotations"] = annotations }
        return [
            "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": metadata,
            "spec": [
                "replicas": .int(replicas), "serviceName": .string(name), "selector": ["matchLabels": ["app": .string(name)]],
                "template": ["metadata": ["labels": ["app": .string(name)]], "spec": ["containers": [["name": "db", "image": "postgres:16"]]]],
            ],
        ]
    }

    @Test func aReplicasChangeIsReportedUnlessAPolicyIgnoresIt() async throws {
        try await TestCluster.with(scenario: ChangeWatchKwatchmanConfigTests.emptyScenario, playFor: 0) { cluster in
            try await withFakeSlackWebhook { hook, url in
                let simulator = cluster.simulator
                try simulator.create(.deployments, namespace: Self.namespace, ChangeWatchEndToEndTests.deployment("web", replicas: 2))
                try simulator.create(.statefulSets, namespace: Self.namespace, Self.statefulSet("db", replicas: 1))
                try simulator.create(
                    .statefulSets, namespace: Self.namespace, Self.statefulSet("cache", replicas: 1, annotations: ["muninn.io/diff-ignore": "spec.replicas"]))
                let harness = ChangeWatchHarness(
                    settings: Self.settings(slackURL: url), storePath: cluster.directory.appendingPathComponent("changes.db").path,
                    kubeconfigPath: cluster.kubeconfigPath)
                try await harness.running {
                    // Ignored: the resource's policy (web), the object's annotation (cache).
                    try simulator.patch(.deployments, namespace: Self.namespace, name: "web", ["spec": ["replicas": 7]])
                    try simulator.patch(.statefulSets, namespace: Self.namespace, name: "cache", ["spec": ["replicas": 3]])
                    // Reported: a replicas change no policy covers, and a change beside the ignored field.
                    try simulator.patch(.statefulSets, namespace: Self.namespace, name: "db", ["spec": ["replicas": 3]])
                    try simulator.patch(
                        .deployments, namespace: Self.namespace, name: "web",
                        ["spec": ["replicas": 9, "template": ["spec": ["containers": [["name": "app", "image": "nginx:1.28"]]]]]])
                    // Each resource is read in order, so these come after everything above was handled.
                    try simulator.patch(.statefulSets, namespace: Self.namespace, name: "cache", ["spec": ["template": ["spec": ["containers": [["name": "db", "image": "postgres:17"]]]]]])
                    let payloads = try await hook.waitForMessages(3)
                    let byTitle = Dictionary(grouping: payloads) { $0["attachments"]?[0]?["title"]?.stringValue ?? "" }
                    #expect(byTitle.keys.sorted() == [
                        "UPDATE deployment\n\(Self.namespace)/web", "UPDATE statefulset\n\(Self.namespace)/cache", "UPDATE statefulset\n\(Self.namespace)/db",
                    ])
                    #expect(byTitle.values.allSatisfy { $0.count == 1 })
                    func diff(_ title: String) -> String { byTitle[title]?.first?["attachments"]?[0]?["text"]?.stringValue ?? "" }
                    /// Whether the diff adds or removes a `replicas:` line.
                    func changesReplicas(_ diff: String) -> Bool {
                        diff.split(separator: "\n").contains { ($0.hasPrefix("+ ") || $0.hasPrefix("- ")) && $0.contains("replicas:") }
                    }
                    #expect(diff("UPDATE statefulset\n\(Self.namespace)/db").split(separator: "\n").contains("+  replicas: 3"))
                    let web = diff("UPDATE deployment\n\(Self.namespace)/web")
                    #expect(web.split(separator: "\n").contains { $0.hasPrefix("+") && $0.hasSuffix("image: nginx:1.28") } && !changesReplicas(web), "\(web)")
                    let cache = diff("UPDATE statefulset\n\(Self.namespace)/cache")
                    #expect(cache.contains("image: postgres:17") && !changesReplicas(cache), "\(cache)")
                }
            }
        }
    }
}
