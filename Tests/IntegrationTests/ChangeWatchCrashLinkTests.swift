import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import MuninnCore
import NotifierFakes
import Synchronization
import Testing

/// A deployment's image changes v1 -> v2 on the simulator, and the new pods crash two minutes later: the crash alert
/// that reaches Slack and the webhook carries the change, through the real change watch and the real alert pipeline
/// (detection, enrichment, delivery) sharing one SQLite store.
@Suite(.timeLimit(.minutes(3)))
struct ChangeWatchCrashLinkTests {
    static let image = "registry.example.com/shop/web"

    static let scenario = Scenario(
        namespaces: ["prod"], nodes: ["node-1"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "web", namespace: "prod", containers: [ContainerBlueprint(name: "web", image: "\(image):v1")]),
            WorkloadSpec(kind: .deployment, name: "sentinel", namespace: "prod", containers: [ContainerBlueprint(name: "s", image: "busybox:1")]),
        ],
        timeline: [])

    static func yaml(slackURL: String, webhookURL: String, changesHookURL: String) -> String {
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
        alerts:
          notReadyAfter: off
          flood:
            expiry: off
        changes:
          resources: [deployments]
          chain:
            - diff
            - slack:
                webhookURL: \(changesHookURL)
                clusterName: e2e
          crashLinkWindow: 30m

        """
    }

    /// The simulated cluster's time, which the change watch reads as its wall clock.
    final class SimulatedNow: Sendable {
        private let date: Mutex<Date>
        init(_ date: Date) { self.date = Mutex(date) }
        var now: Date { date.withLock { $0 } }
        func set(_ date: Date) { self.date.withLock { $0 = date } }
    }

    /// `text` of every block, Slack's escaping undone.
    static func blockText(_ message: FakeSlackMessage) -> String {
        func texts(_ value: JSONValue) -> [String] {
            switch value {
            case .string(let text): [text]
            case .array(let items): items.flatMap(texts)
            case .object(let members): members.flatMap { texts($0.value) }
            default: []
            }
        }
        return texts(.array(message.blocks)).joined(separator: "\n")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test func aCrashAfterAnImageChangeCarriesTheChange() async throws {
        try await TestCluster.with(scenario: Self.scenario, playFor: 10) { cluster in
            try await withFakeSlack { slack, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver()) { webhook, webhookURL in
                    try await withFakeSlackWebhook { changesHook, changesHookURL in
                        let harness = try ChangeWatchPipelineHarness(
                            yaml: Self.yaml(slackURL: slackURL, webhookURL: webhookURL, changesHookURL: changesHookURL), cluster: cluster,
                            storePath: cluster.directory.appendingPathComponent("muninn.db").path)
                        let clock = SimulatedNow(cluster.clock)
                        try await harness.running(changesNow: { clock.now }) {
                            // The rollout: the Deployment controller writes the new template at the next step.
                            let web = try cluster.podName(of: "web", in: "prod")
                            try cluster.perform(
                                .rollout(
                                    workload: "prod/web", image: "\(Self.image):v2",
                                    behaviour: .crashLoop(exit: .error(exitCode: 3, lastWords: .stackTrace), after: 120)))
                            let changedAt = cluster.clock.addingTimeInterval(1)
                            clock.set(changedAt)
                            try cluster.advance(by: 1)
                            let change = try await changesHook.waitForMessages(1)
                            #expect(change.first?["attachments"]?[0]?["title"]?.stringValue == "UPDATE deployment\nprod/web")

                            // Two minutes and a bit of the new pod's life: its container exits 120 s after it started.
                            for _ in 0..<150 {
                                try cluster.advance(by: 1)
                                clock.set(cluster.clock)
                            }
                            let deliveries = try await AlertPipelineEndToEndTests.drain(&cluster, webhook: webhook)
                            let alerts = deliveries.map(\.payload).filter { $0["workload"]?["name"]?.stringValue == "web" }
                            #expect(alerts.count == 1, "\(deliveries.map(\.payload))")
                            let alert = try #require(alerts.first)
                            #expect(alert["kind"]?.stringValue == "crashed")
                            #expect(alert["image"]?.stringValue == "\(Self.image):v2")
                            #expect(alert["pod"]?.stringValue != web)

                            let preceding = try #require(alert["precedingChange"])
                            #expect(preceding != .null)
                            let sentence = try #require(preceding["sentence"]?.stringValue)
                            #expect(sentence.hasPrefix("Started crashing 2 minutes after image of web changed v1 -> v2 ("), "\(sentence)")
                            #expect(sentence.hasSuffix("at \(Self.clockTime(changedAt)))"), "\(sentence)")
                            #expect(preceding["kind"]?.stringValue == "Deployment" && preceding["name"]?.stringValue == "web")
                            #expect(preceding["changedAt"]?.stringValue?.hasPrefix(String(KubeTime.rfc3339(changedAt).prefix(19))) == true)
                            let image = preceding["fieldChanges"]?.arrayValue?.first { $0["path"]?.stringValue == "spec.template.spec.containers[name=web].image" }
                            #expect(image?["old"]?.stringValue == "\(Self.image):v1")
                            #expect(image?["new"]?.stringValue == "\(Self.image):v2")
                            let diff = preceding["unifiedDiff"]?.stringValue ?? ""
                            #expect(diff.split(separator: "\n").contains { $0.hasPrefix("-") && $0.hasSuffix("image: \(Self.image):v1") }, "\(diff)")
                            #expect(diff.split(separator: "\n").contains { $0.hasPrefix("+") && $0.hasSuffix("image: \(Self.image):v2") }, "\(diff)")

                            // Slack says the same, in the alert's message.
                            let messages = try await slack.waitForMessages(deliveries.count + 1)
                            let linked = messages.map(Self.blockText).filter { $0.contains("Started crashing") }
                            #expect(linked.count == 1 && linked.first?.contains(sentence) == true, "\(linked)")

                            // The sentinel, which did not change, carries nothing.
                            let sentinel = try await webhook.waitForMessages(deliveries.count + 1).last?.payload
                            #expect(sentinel?["precedingChange"] == .null)
                        }
                    }
                }
            }
        }
    }

    static func clockTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d UTC", parts.hour ?? 0, parts.minute ?? 0)
    }
}
