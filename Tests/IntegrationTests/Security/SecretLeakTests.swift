import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import NotifierFakes
import Testing

/// Secrets never leave Muninn: the real `muninn` process runs at debug level with every kind of secret configured
/// (Slack token, webhook URL token and signing secret, DingTalk token and secret, PostgreSQL password, dashboard
/// token), its destinations fail and recover, and then its whole output, its `/metrics`, its dashboard pages and its
/// JSON API are searched for each secret.
@Suite(.timeLimit(.minutes(3)))
struct SecretLeakTests {
    static let scenario = FaultSetup.scenario(["api"])

    @Test func noSecretAppearsInLogsMetricsOrTheDashboard() async throws {
        let postgres = try #require(
            ProcessInfo.processInfo.environment["MUNINN_TEST_POSTGRES_DSN"].flatMap { $0.isEmpty ? nil : $0 },
            "MUNINN_TEST_POSTGRES_DSN is not set: run the tests with scripts/test.sh (it starts PostgreSQL)")
        let database = "muninn_secrets_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await KillNineTests.psql(postgres, "CREATE DATABASE \(database)")
        defer { _ = try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["psql", postgres, "-c", "DROP DATABASE IF EXISTS \(database) WITH (FORCE)"]) }
        let dsn = KillNineTests.replacingDatabase(in: postgres, with: database)
        let postgresPassword = try #require(URLComponents(string: dsn)?.password)

        let slackToken = "xoxb-canary-slack-7f3a9c"
        let webhookToken = "canary-url-token-51be"
        let signingKey = Array("canary signing key 0123456789ab!".utf8)
        let signingSecret = "whsec_" + Data(signingKey).base64EncodedString()
        let dingTalkToken = "canarydingtalktoken4e21"
        let dingTalkSecret = "SECcanarydingtalksecret9d0f"
        let dashboardToken = "canary-dashboard-token-0c77"
        let secrets = [slackToken, webhookToken, signingSecret, String(signingSecret.dropFirst(6)), dingTalkToken, dingTalkSecret, dashboardToken, postgresPassword]

        try await TestCluster.with(scenario: Self.scenario, playFor: 10) { cluster in
            let slack = FakeSlack(tokens: [slackToken: FakeSlack.allScopes])
            try await withFakeSlack(slack) { slack, slackURL in
                try await withFakeWebhook(FakeWebhookReceiver(key: signingKey)) { webhook, webhookURL in
                    let tokenFile = cluster.directory.appendingPathComponent("dashboard-token").path
                    try dashboardToken.write(toFile: tokenFile, atomically: true, encoding: .utf8)
                    let configPath = cluster.directory.appendingPathComponent("muninn.yaml").path
                    try """
                        cluster:
                          name: secrets
                        kubernetes:
                          kubeconfig: \(cluster.kubeconfigPath)
                        log:
                          level: debug
                          format: json
                        destinations:
                          slack:
                            type: slack
                            token: \(slackToken)
                            apiURL: \(slackURL)
                            defaultChannel: "#alerts"
                          audit:
                            type: webhook
                            url: \(webhookURL)?token=\(webhookToken)
                            secret: \(signingSecret)
                          ding:
                            type: dingtalk
                            token: \(dingTalkToken)
                            secret: \(dingTalkSecret)
                            apiURL: http://127.0.0.1:1/robot/send
                        alerts:
                          notReadyAfter: off
                        delivery:
                          maxAge: 30s
                          retry:
                            initial: 200ms
                            max: 500ms
                        dashboard:
                          listen: 127.0.0.1:0
                          auth:
                            bearerTokenFile: \(tokenFile)
                        store:
                          dsn: \(dsn)
                        """.write(toFile: configPath, atomically: true, encoding: .utf8)

                    try await MuninnProcess.with(["run", "--config", configPath]) { muninn in
                        defer { try? muninn.output.write(toFile: "/tmp/secret-muninn.log", atomically: true, encoding: .utf8) }
                        try await muninn.waitFor("pod list in sync")
                        // Failures that get logged with their cause: Slack throttles then fails, the webhook answers 500 twice,
                        // DingTalk is unreachable.
                        slack.failNextPosts(1, with: .rateLimited(retryAfter: 1))
                        slack.failNextPosts(1, with: .status(502))
                        webhook.failNext(2, with: .text("boom", status: 500))
                        try cluster.perform(.crash(target: "prod/\(try cluster.podName(of: "api", in: "prod"))", exit: .error(exitCode: 3)))
                        _ = try await webhook.waitForMessages(1)
                        _ = try await slack.waitForMessages(1)
                        try await muninn.waitFor("delivery failed", count: 2)

                        let urls = muninn.output.split(separator: "\n").compactMap { line -> String? in
                            guard let entry = try? JSONValue(parsing: String(line)), entry["msg"]?.stringValue == "dashboard" else { return nil }
                            return entry["url"]?.stringValue
                        }
                        let url = try #require(urls.first, "the dashboard URL in the log")
                        var pages: [String: String] = [:]
                        for path in ["metrics", "", "api/v1/incidents", "stats", "healthz", "readyz"] {
                            let outcome = try await ExternalProcess.run(
                                "curl", ["-s", "-H", "Authorization: Bearer \(dashboardToken)", url + path], timeout: .seconds(20))
                            pages[path] = outcome.stdout
                        }
                        #expect(pages["metrics"]?.contains("muninn_deliveries_total") == true)
                        let incidents = try JSONValue(parsing: pages["api/v1/incidents"] ?? "")
                        let id = try #require(incidents["items"]?.arrayValue?.first?["id"]?.intValue)
                        let detail = try await ExternalProcess.run("curl", ["-s", "-H", "Authorization: Bearer \(dashboardToken)", url + "incidents/\(id)"], timeout: .seconds(20))
                        pages["incident"] = detail.stdout
                        #expect(detail.stdout.contains("delivery-records"))

                        let output = muninn.output
                        #expect(output.contains("delivery failed"), "the failures are logged")
                        for secret in secrets {
                            #expect(!output.contains(secret), "a secret in muninn's output: \(secret.prefix(6))…")
                            for (page, text) in pages {
                                #expect(!text.contains(secret), "a secret on /\(page): \(secret.prefix(6))…")
                            }
                        }
                    }
                }
            }
        }
    }
}
