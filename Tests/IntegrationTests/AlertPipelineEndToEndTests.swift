import Crypto
import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import MuninnCore
import NotifierFakes
import Testing

/// Simulated failures -> the real pipeline (client, detector, outbox, enrichment, routing, notifiers) ->
/// receivers that enforce each API's rules: exactly the expected messages, none twice.
@Suite(.timeLimit(.minutes(3)))
struct AlertPipelineEndToEndTests {
    static let webhookKey: [UInt8] = Array("end-to-end webhook signing key!!".utf8)
    static let webhookSecret = "whsec_" + Data(webhookKey).base64EncodedString()

    static let scenario = Scenario(
        namespaces: ["prod"], nodes: ["node-1"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "crashy", namespace: "prod", containers: [
                ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1", behaviour: .crashLoop(exit: .error(exitCode: 3, lastWords: .stackTrace), after: 5))
            ]),
            WorkloadSpec(kind: .deployment, name: "pull", namespace: "prod", containers: [
                ContainerBlueprint(name: "gw", image: "registry.invalid/gw:404", behaviour: .imagePullFailure)
            ]),
            WorkloadSpec(
                kind: .deployment, name: "migrating", namespace: "prod",
                containers: [ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1")],
                initContainers: [ContainerBlueprint(name: "migrate", image: "ghcr.io/acme/migrate:1", behaviour: .crashLoop(exit: .error(exitCode: 1), after: 2))]),
            WorkloadSpec(
                kind: .deployment, name: "meshed", namespace: "prod",
                containers: [ContainerBlueprint(name: "app", image: "ghcr.io/acme/app:1")],
                initContainers: [ContainerBlueprint(name: "proxy", image: "envoy:1.30", isSidecar: true)]),
            WorkloadSpec(kind: .deployment, name: "web", namespace: "prod", containers: [ContainerBlueprint(name: "web", image: "nginx:1.27")]),
            WorkloadSpec(kind: .deployment, name: "api", namespace: "prod", containers: [ContainerBlueprint(name: "api", image: "ghcr.io/acme/api:1")]),
            WorkloadSpec(kind: .deployment, name: "doomed", namespace: "prod", containers: [ContainerBlueprint(name: "job", image: "ghcr.io/acme/job:1")]),
            WorkloadSpec(kind: .deployment, name: "sentinel", namespace: "prod", containers: [ContainerBlueprint(name: "s", image: "busybox:1")]),
        ],
        timeline: [])

    /// Healthy workloads only: every failure in the tests that use it is a command.
    static let quietScenario = Scenario(
        namespaces: ["prod"], nodes: ["node-1"],
        workloads: ["api", "sentinel"].map { name in
            WorkloadSpec(kind: .deployment, name: name, namespace: "prod", containers: [ContainerBlueprint(name: name == "sentinel" ? "s" : name, image: "ghcr.io/acme/\(name):1")])
        },
        timeline: [])

    static func yaml(slackURL: String, webhookURL: String, notReadyAfter: String = "off") -> String {
        """
        cluster:
          name: e2e
        destinations:
          slack:
            type: slack
            token: xoxb-test
            apiURL: \(slackURL)
            defaultChannel: "#alerts"
          audit:
            type: webhook
            url: \(webhookURL)
            secret: \(webhookSecret)
        alerts:
          notReadyAfter: \(notReadyAfter)
          flood:
            expiry: off
        """
    }

    /// Crashes the sentinel and waits until its alert reached the webhook: every lane is delivered in order, so
    /// everything detected before it has been delivered too. Returns every delivery so far but that last one.
    static func drain(_ cluster: inout TestCluster, webhook: FakeWebhookReceiver) async throws -> [FakeWebhookDelivery] {
        func sentinels(_ deliveries: [FakeWebhookDelivery]) -> Int { deliveries.count { $0.payload["container"]?.stringValue == "s" } }
        let before = sentinels(webhook.deliveries)
        try cluster.perform(.crash(target: "prod/\(try cluster.podName(of: "sentinel", in: "prod"))", exit: .error(exitCode: 9)))
        var deliveries = webhook.deliveries
        while sentinels(deliveries) == before {
            deliveries = try await webhook.waitForMessages(deliveries.count + 1)
        }
        #expect(deliveries.last?.payload["container"]?.stringValue == "s")
        return Array(deliveries.dropLast())
    }

    @Test func everyKindOfFailureArrivesOnceAtEachDestination() async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 0) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: Self.webhookKey)) { webhook, webhookURL in
                    let harness = try PipelineHarness(
                        yaml: Self.yaml(slackURL: slackURL, webhookURL: webhookURL), cluster: cluster,
                        storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                    try await harness.running {
                        // Twelve seconds of cluster life: the first crash of crashy and of the migration, the pull failure.
                        for _ in 0..<12 { try cluster.advance(by: 1) }
                        try cluster.perform(.crash(target: "prod/\(try cluster.podName(of: "meshed", in: "prod"))", container: "proxy", exit: .error(exitCode: 2)))
                        try cluster.perform(.oom(target: "prod/\(try cluster.podName(of: "api", in: "prod"))"))
                        try cluster.perform(.evict(target: "prod/\(try cluster.podName(of: "web", in: "prod"))"))
                        // Crashed and deleted before Muninn can read its logs.
                        // No suspension point between the two writes: the watch delivers the crash after the pod is gone.
                        let doomed = try cluster.podName(of: "doomed", in: "prod")
                        try cluster.perform(.crash(target: "prod/\(doomed)", exit: .error(exitCode: 4)))
                        _ = try cluster.simulator.delete(.pods, namespace: "prod", name: doomed)
                        let deliveries = try await Self.drain(&cluster, webhook: webhook)
                        let byPod = Dictionary(grouping: deliveries) { $0.payload["pod"]?.stringValue ?? "" }
                        func alerts(_ workload: String) -> [JSONValue] {
                            byPod.filter { $0.key.hasPrefix("\(workload)-") }.flatMap { $0.value.map(\.payload) }
                        }
                        #expect(alerts("crashy").map { $0["reason"]?.stringValue } == ["Error"])
                        #expect(alerts("crashy").first?["logs"]?["text"]?.stringValue?.isEmpty == false)
                        #expect(alerts("pull").map { $0["kind"]?.stringValue } == ["cannotStart"], "\(deliveries.map { ($0.payload["pod"]?.stringValue ?? "", $0.payload["reason"]?.stringValue ?? "") })")
                        #expect(alerts("migrating").map { $0["container"]?.stringValue } == ["migrate"])
                        #expect(alerts("meshed").map { $0["container"]?.stringValue } == ["proxy"])
                        #expect(alerts("api").map { $0["reason"]?.stringValue } == ["OOMKilled"])
                        #expect(alerts("web").map { $0["kind"]?.stringValue } == ["evicted"])
                        let lost = alerts("doomed")
                        #expect(lost.count == 1 && lost.first?["logs"]?["unavailableReason"]?.stringValue == "pod deleted", "\(lost)")
                        #expect(webhook.snapshot.duplicates == 0)
                        #expect(webhook.snapshot.signatureValid.allSatisfy { $0 == true })

                        // Slack got the same alerts, each once, as top-level messages (no container crashed twice yet).
                        let messages = try await slack.waitForMessages(deliveries.count + 1)
                        #expect(messages.count == deliveries.count + 1 && messages.allSatisfy { !$0.isReply })
                        #expect(messages.allSatisfy { $0.channel == "C0ALERTS01" })
                        // Crash logs went up as files through the three-step upload.
                        #expect(slack.snapshot.uploads.contains { $0.completed })
                    }
                }
            }
        }
    }

    @Test func aRestartMidCrashLoopNeitherRepeatsNorMissesAndKeepsTheThread() async throws {
        try await TestCluster.with(scenario: Self.quietScenario, playFor: 10) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: Self.webhookKey)) { webhook, webhookURL in
                    let harness = try PipelineHarness(
                        yaml: Self.yaml(slackURL: slackURL, webhookURL: webhookURL), cluster: cluster,
                        storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                    let crashy = "prod/\(try cluster.podName(of: "api", in: "prod"))"
                    // First run: two crashes of one container.
                    try await harness.running {
                        try cluster.perform(.crash(target: crashy, exit: .error(exitCode: 3)))
                        for _ in 0..<15 { try cluster.advance(by: 1) }
                        try cluster.perform(.crash(target: crashy, exit: .error(exitCode: 3)))
                        let first = try await Self.drain(&cluster, webhook: webhook)
                        #expect(first.count == 2, "\(first.map(\.payload))")
                        _ = try await slack.waitForMessages(3)
                    }
                    let firstRun = slack.messages
                    // Muninn is down: the container crashes again, twice.
                    for _ in 0..<30 { try cluster.advance(by: 1) }
                    try cluster.perform(.crash(target: crashy, exit: .error(exitCode: 3)))
                    for _ in 0..<45 { try cluster.advance(by: 1) }
                    try cluster.perform(.crash(target: crashy, exit: .error(exitCode: 3)))
                    try await harness.running {
                        let deliveries = try await Self.drain(&cluster, webhook: webhook)
                        let crashes = deliveries.filter { $0.payload["pod"]?.stringValue == String(crashy.dropFirst(5)) }
                        // 2 before the restart; then both crashes while down, still visible in the status (lastState and
                        // state), each reported once and marked late.
                        #expect(crashes.count == 4, "\(deliveries.map { ($0.payload["id"]?.stringValue ?? "", $0.payload["seenLate"]?.boolValue ?? false) })")
                        #expect(crashes.map { $0.payload["seenLate"]?.boolValue } == [false, false, true, true])
                        #expect(Set(crashes.compactMap { $0.id }).count == crashes.count)
                        #expect(webhook.snapshot.duplicates == 0)
                        _ = try await slack.waitForMessages(6)
                    }
                    let messages = slack.messages
                    #expect(messages.count == 6)
                    // The first crash opened a thread; the three later ones replied in it, across the restart.
                    let root = try #require(messages.first { !$0.isReply && $0.text?.contains("api-") == true })
                    #expect(messages.filter { $0.threadTS == root.ts }.count == 3)
                    #expect(messages.filter { !$0.isReply && $0.text?.contains("api-") == true }.count == 1)
                    #expect(firstRun.count == 3)
                }
            }
        }
    }

    @Test func aRateLimitedSlackASlackWebhookAndASignedDingTalkRobotEachGetTheAlertOnce() async throws {
        let robot = FakeDingTalkRobot(secret: "SEC-e2e-secret", keywords: ["Kubernetes"])
        try await TestCluster.with(scenario: Self.quietScenario, playFor: 10) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeDingTalk(FakeDingTalk(robots: ["ding-token": robot])) { dingtalk, dingURL in
                  try await withFakeSlackWebhook { hook, hookURL in
                    try await withFakeWebhook(FakeWebhookReceiver(key: Self.webhookKey)) { webhook, webhookURL in
                        let yaml = """
                            cluster:
                              name: e2e
                            alerts:
                              notReadyAfter: off
                              flood:
                                expiry: off
                            destinations:
                              slack:
                                type: slack
                                token: xoxb-test
                                apiURL: \(slackURL)
                                defaultChannel: "#alerts"
                              audit:
                                type: webhook
                                url: \(webhookURL)
                                secret: \(Self.webhookSecret)
                              ding:
                                type: dingtalk
                                token: ding-token
                                secret: SEC-e2e-secret
                                apiURL: \(dingURL)
                                keyword: Kubernetes
                              payments-hook:
                                type: slackWebhook
                                url: \(hookURL)
                            """
                        let harness = try PipelineHarness(
                            yaml: yaml, cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                        slack.failNextPosts(2, with: .rateLimited(retryAfter: 1))
                        try await harness.running {
                            try cluster.perform(.oom(target: "prod/\(try cluster.podName(of: "api", in: "prod"))"))
                            let deliveries = try await Self.drain(&cluster, webhook: webhook)
                            #expect(deliveries.map { $0.payload["reason"]?.stringValue } == ["OOMKilled"])
                            let messages = try await slack.waitForMessages(2)
                            #expect(messages.first?.text?.contains("OOMKilled") == true)
                            let dings = try await dingtalk.waitForMessages(2)
                            #expect(dings.first?.markdownText?.contains("OOMKilled") == true)
                            #expect(dings.allSatisfy { $0.sign != nil })
                            let hooked = try await hook.waitForMessages(2)
                            #expect(hooked.first?.serializedString().contains("OOMKilled") == true)
                        }
                        #expect(slack.messages.count == 2 && dingtalk.accepted.count == 2 && hook.payloads.count == 2)
                    }
                  }
                }
            }
        }
    }

    @Test func aPodNotReadyForTooLongIsReportedAndSoIsItsRecovery() async throws {
        try await TestCluster.with(scenario: Self.quietScenario, playFor: 10) { cluster in
            try await withFakeSlack { _, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: Self.webhookKey)) { webhook, webhookURL in
                    let yaml = Self.yaml(slackURL: slackURL, webhookURL: webhookURL, notReadyAfter: "1s") + "\n  recovery: true"
                    let harness = try PipelineHarness(
                        yaml: yaml, cluster: cluster, storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                    try await harness.running {
                        let api = "prod/\(try cluster.podName(of: "api", in: "prod"))"
                        // The Ready condition's transition time is the simulated clock's, long past: over the threshold at once.
                        try cluster.perform(.setReady(target: api, ready: false))
                        _ = try await webhook.waitForMessages(1)
                        try cluster.perform(.setReady(target: api, ready: true))
                        let deliveries = try await Self.drain(&cluster, webhook: webhook)
                        #expect(deliveries.map { $0.payload["kind"]?.stringValue } == ["notReady", "recovered"])
                    }
                }
            }
        }
    }
}
