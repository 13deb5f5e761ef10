import Foundation
import Testing

@testable import Muninn

/// Every configuration mistake names the file, the line and the key.
@Suite struct RoutingConfigurationErrorTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var yaml: String
        var line: Int
        var key: String
        var message: String
        var testDescription: String { message }
    }

    static let slack = "destinations:\n  ops: {type: slack, token: xoxb-1, defaultChannel: '#a'}\n  hook: {type: webhook, url: 'https://example.com/h'}\n"

    static let cases: [Case] = [
        Case(yaml: slack + "routes:\n  - destinations: [opz]\n", line: 5, key: "routes[0].destinations[0]",
            message: "unknown destination 'opz'; did you mean 'ops'? (configured: hook, ops)"),
        Case(yaml: "destinations:\n  - {name: a, type: console}\n  - {name: a, type: console}\n", line: 3, key: "destinations[1]",
            message: "duplicate destination name 'a' (first at line 2)"),
        Case(yaml: slack + "routes:\n  - match:\n      namespace: [shop, 'web-[0-9]']\n    destinations: [ops]\n", line: 6, key: "routes[0].match.namespace[1]",
            message: "bad pattern 'web-[0-9]': '[' is not supported in a pattern (only * and ? are wildcards)"),
        Case(yaml: "destinations:\n  ops:\n    type: msteams\n", line: 3, key: "destinations.ops.type",
            message: "unknown destination type 'msteams' (allowed: slack, slackWebhook, dingtalk, webhook, console, elasticsearch, loki, teams, discord, telegram, pagerduty, mattermost, googlechat, feishu)"),
        Case(yaml: "destinations:\n  ops:\n    type: slack\n    defaultChannel: '#a'\n", line: 3, key: "destinations.ops",
            message: "missing token (or tokenFile, a file holding it)"),
        Case(yaml: "destinations:\n  ops:\n    type: slack\n    tokenFile: /nonexistent/muninn/token\n    defaultChannel: '#a'\n", line: 4,
            key: "destinations.ops.tokenFile", message: "no such file: /nonexistent/muninn/token"),
        Case(yaml: "destinations:\n  ops:\n    type: slack\n    token: x\n    tokenFile: /t\n", line: 5, key: "destinations.ops.tokenFile",
            message: "give either token or tokenFile, not both"),
        Case(yaml: "destinations:\n  ops:\n    type: slack\n    token: x\n    channel: '#a'\n", line: 5, key: "destinations.ops.channel",
            message: "unknown key; did you mean 'defaultChannel'? (allowed: name, type, token, tokenFile, apiURL, defaultChannel, requestTimeout, uploadLogs, inlineLogLines, inlineLogCharacters, template, templateFile)"),
        Case(yaml: slack + "routes:\n  - destinations:\n      - {destination: hook, channel: '#x'}\n", line: 6, key: "routes[0].destinations[0].channel",
            message: "destination 'hook' (webhook) has no channels: its address decides where messages go"),
        Case(yaml: slack + "routes:\n  - name: x\n", line: 5, key: "routes[0]",
            message: "missing destinations (a list of destination names; [] mutes what the rule matches)"),
        Case(yaml: slack + "routes:\n  - name: x\n    destinations:\n", line: 6, key: "routes[0].destinations",
            message: "no destinations given (write [] to mute what the rule matches)"),
        Case(yaml: slack + "routes:\n  - {name: x, destinations: [ops]}\n  - {name: x, destinations: [hook]}\n", line: 6, key: "routes[1].name",
            message: "duplicate route name 'x'"),
        Case(yaml: slack + "routes:\n  - match: {kind: [crashed, oom]}\n    destinations: [ops]\n", line: 5, key: "routes[0].match.kind[1]",
            message: "unknown alert kind 'oom' (allowed: crashed, cannotStart, notReady, evicted, failed, recovered)"),
        Case(yaml: "destinations:\n  ops: {type: slack, token: x}\n", line: 2, key: "destinations.ops",
            message: "Slack destination 'ops' has no defaultChannel, and with no routes every alert goes to it"),
        Case(yaml: "destinations:\n  ops: {type: slack, token: x}\nroutes:\n  - destinations: [ops]\n", line: 4, key: "routes[0].destinations[0]",
            message: "Slack destination 'ops' has no defaultChannel, so this route must name a channel ({destination: ops, channel: \"#alerts\"})"),
        Case(yaml: "destinations:\n  d: {type: dingtalk, token: 'https://oapi.dingtalk.com/robot/send?foo=1'}\n", line: 2, key: "destinations.d.token",
            message: "a DingTalk webhook URL must carry ?access_token=..."),
        Case(yaml: "destinations:\n  'bad name': {type: console}\n", line: 2, key: "destinations.bad name",
            message: "'bad name' is not a valid destination name (letters, digits, '-', '_' and '.', starting with a letter or digit)"),
        Case(yaml: "destinations:\n  h: {type: webhook, url: 'ftp://example.com'}\n", line: 2, key: "destinations.h.url",
            message: "expected an http:// or https:// URL"),
        Case(yaml: "destinations: []\n", line: 1, key: "destinations",
            message: "no destinations: configure at least one (type: console prints alerts)"),
        Case(yaml: slack + "containerRoutes:\n  destination: ops\n  rules: 'prod/*/*=#p,,'\n", line: 6, key: "containerRoutes.rules",
            message: "routing rule 2 (''): empty rule (check for ',,' or a trailing comma); expected namespace/pod/container=channel"),
        Case(yaml: slack + "containerRoutes:\n  destination: hook\n  rules: '*/*/*=#p'\n", line: 5, key: "containerRoutes.destination",
            message: "destination 'hook' has no channels; the table's channels need a Slack bot (type: slack)"),
        Case(yaml: "mutes:\n  - shop/web\n", line: 2, key: "mutes[0]", message: "expected namespace/pod/container or a mapping"),
        Case(yaml: "mutes:\n  - {namespace: shop, until: tomorrow}\n", line: 2, key: "mutes[0].until",
            message: "expected a time such as 2026-12-31T18:00:00Z or a date such as 2026-12-31"),
        Case(yaml: "mutes:\n  - {reason: why}\n", line: 2, key: "mutes[0]", message: "a mute needs at least one of cluster, namespace, pod, container"),
        Case(yaml: "namespaces:\n  exclude: ['']\n", line: 2, key: "namespaces.exclude[0]", message: "bad pattern '': empty pattern (use * to match anything)"),
        Case(yaml: "alerts:\n  notReadyAfter: soon\n", line: 2, key: "alerts.notReadyAfter",
            message: "expected a duration such as 30s, 5m, 1h or a number of seconds"),
        Case(yaml: "alerts:\n  flood: {window: tumbling}\n", line: 2, key: "alerts.flood.window", message: "unknown window 'tumbling' (allowed: sliding, fixed)"),
        Case(yaml: "alerts:\n  logs:\n    tailLines: 0\n", line: 3, key: "alerts.logs.tailLines", message: "must be between 1 and 100000, got 0"),
        Case(yaml: "delivery:\n  retry:\n    initial: 10m\n    max: 1m\n", line: 4, key: "delivery.retry.max", message: "max (1m) is shorter than initial (10m)"),
        Case(yaml: "delivery:\n  maxAge: 0s\n", line: 2, key: "delivery.maxAge", message: "must be longer than zero"),
        Case(yaml: "store:\n  path: ''\n", line: 2, key: "store.path", message: "must not be empty"),
        Case(yaml: "alerts:\n  restartThrotle: true\n", line: 2, key: "alerts.restartThrotle",
            message: "unknown key; did you mean 'restartThrottle'? (allowed: notReadyAfter, recovery, reportExistingOnStart, reportDeletionKills, flood, restartThrottle, threading, logs, redact)"),
        Case(yaml: slack + "routes:\n  - match:\n      labels: {tier: {present: true}}\n    destinations: [hook]\n", line: 6, key: "routes[0].match.labels.tier.present",
            message: "unknown key (allowed: exists)"),
    ]

    @Test(arguments: cases)
    func mistakeIsLocated(_ example: Case) throws {
        let error = try #require(throws: ConfigurationError.self) { try MuninnConfiguration.parse(example.yaml, file: "muninn.yaml") }
        #expect(error.message == example.message)
        #expect(error.key == example.key)
        #expect(error.line == example.line)
        #expect(error.file == "muninn.yaml")
    }
}
