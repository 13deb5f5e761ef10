import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import MuninnCore
import NotifierFakes
import Testing

/// Kinds kwatchman could not watch, named the way kubectl names them and resolved through the simulator's
/// discovery: a custom resource (`name.group` of a CRD), CronJobs (short name `cj`) and Ingresses on
/// networking.k8s.io/v1 (kwatchman's extensions/v1beta1 is not served any more).
@Suite(.timeLimit(.minutes(1)))
struct ChangeWatchKindsEndToEndTests {
    static let namespace = TestCluster.namespace
    static let certificates = GroupVersionResource(group: "cert-manager.io", version: "v1", resource: "certificates")

    static let certificateCRD: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "certificates.cert-manager.io"],
        "spec": [
            "group": "cert-manager.io", "scope": "Namespaced",
            "names": ["plural": "certificates", "singular": "certificate", "kind": "Certificate", "shortNames": ["cert", "certs"]],
            "versions": [["name": "v1", "served": true, "storage": true, "schema": ["openAPIV3Schema": ["type": "object"]]]],
        ],
    ]

    static func certificate(_ name: String, dnsNames: [String]) -> JSONValue {
        [
            "apiVersion": "cert-manager.io/v1", "kind": "Certificate", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": ["secretName": .string(name), "dnsNames": .array(dnsNames.map(JSONValue.string)), "issuerRef": ["name": "letsencrypt"]],
        ]
    }

    static func cronJob(_ name: String, schedule: String) -> JSONValue {
        [
            "apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": .string(name), "namespace": .string(namespace)],
            "spec": [
                "schedule": .string(schedule),
                "jobTemplate": ["spec": ["template": ["spec": ["restartPolicy": "OnFailure", "containers": [["name": "job", "image": "busybox:1"]]]]]],
            ],
        ]
    }

    static let ingress: JSONValue = [
        "apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "shop", "namespace": .string(namespace)],
        "spec": ["rules": [["host": "shop.example.com", "http": ["paths": [["path": "/", "pathType": "Prefix", "backend": ["service": ["name": "shop", "port": ["number": 80]]]]]]]]],
    ]

    @Test func customResourcesCronJobsAndIngressesAreWatched() async throws {
        try await TestCluster.with(scenario: ChangeWatchKwatchmanConfigTests.emptyScenario, playFor: 0) { cluster in
            try await withFakeSlackWebhook { hook, url in
                let simulator = cluster.simulator
                _ = try simulator.create(.customResourceDefinitions, Self.certificateCRD)
                try simulator.create(Self.certificates, namespace: Self.namespace, Self.certificate("shop-tls", dnsNames: ["shop.example.com"]))
                let harness = ChangeWatchHarness(
                    settings: ChangeWatchSettings(
                        resources: [
                            WatchedResource(name: "certificates.cert-manager.io"), WatchedResource(name: "cj", namespaces: [Self.namespace]),
                            WatchedResource(name: "ingresses"),
                        ],
                        chain: [.diff(extraIgnoredPaths: []), .slack(SlackChangeTarget(webhookURL: url, clusterName: "e2e"))]),
                    storePath: cluster.directory.appendingPathComponent("changes.db").path, kubeconfigPath: cluster.kubeconfigPath)
                try await harness.running {
                    try simulator.patch(Self.certificates, namespace: Self.namespace, name: "shop-tls", ["spec": ["dnsNames": ["shop.example.com", "www.shop.example.com"]]])
                    try simulator.create(.cronJobs, namespace: Self.namespace, Self.cronJob("nightly", schedule: "0 3 * * *"))
                    try simulator.patch(.cronJobs, namespace: Self.namespace, name: "nightly", ["spec": ["schedule": "30 3 * * *"]])
                    try simulator.create(.ingresses, namespace: Self.namespace, Self.ingress)
                    let payloads = try await hook.waitForMessages(4)
                    let titles = payloads.compactMap { $0["attachments"]?[0]?["title"]?.stringValue }
                    #expect(ChangeWatchEndToEndTests.byKind(titles) == [
                        "certificate": ["UPDATE certificate\n\(Self.namespace)/shop-tls"],
                        "cronjob": ["ADD cronjob\n\(Self.namespace)/nightly", "UPDATE cronjob\n\(Self.namespace)/nightly"],
                        "ingress": ["ADD ingress\n\(Self.namespace)/shop"],
                    ])
                    let certificate = try #require(payloads.first { $0["attachments"]?[0]?["title"]?.stringValue?.hasPrefix("UPDATE certificate") == true })
                    #expect(ChangeWatchEndToEndTests.adds(certificate, "- www.shop.example.com"), "\(certificate)")
                    let schedule = try #require(payloads.first { $0["attachments"]?[0]?["title"]?.stringValue?.hasPrefix("UPDATE cronjob") == true })
                    // Quoted: `*` would start a YAML alias.
                    #expect(ChangeWatchEndToEndTests.adds(schedule, #"schedule: "30 3 * * *""#), "\(schedule)")
                }
            }
        }
    }
}
