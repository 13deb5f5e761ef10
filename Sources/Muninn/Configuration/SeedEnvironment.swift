import Foundation
import MuninnCore

/// The environment variables of the tools Muninn replaces, read so their deployments work
/// unchanged: johari-mirror (`SLACK_TOKEN`, `SLACK_NOTIFICATION_CONFIG`), kube-dingtalk / kube-slack
/// (`DINGTALK_TOKEN`, `FLOOD_EXPIRE`, `NOT_READY_MIN_TIME`, `TICK_RATE`, `KUBE_NAMESPACES_ONLY`,
/// `KUBE_USE_KUBECONFIG`, `KUBE_USE_CLUSTER`, `RECOVERY_ALERT`) and the Kubernetes Pod Monitor
/// (`CLUSTER_NAME`, `SLACK_TOKEN`, `SLACK_CHANNEL`, `SLACK_NOTIFY`, `CHECK_INTERVAL`,
/// `MAX_CRASHLOG_LENGTH`), plus Muninn's `SLACK_API_URL`, `DINGTALK_SECRET` and a `NAME_FILE` form
/// of every secret. `apply(to:)` turns them into destinations, routing and alert settings.
///
/// Where the originals misread their own settings, Muninn reads what the user meant and says so
/// in docs/configuration.md: `KUBE_USE_KUBECONFIG=false` means false (kube-dingtalk treats any
/// string as true), `KUBE_NAMESPACES_ONLY` accepts a JSON array as well as a comma list
/// (kube-dingtalk splits `["a","b"]` on commas into bogus names), and a number that is not a
/// number is an error naming the variable instead of a 1 ms hot loop.
struct SeedEnvironment: Equatable {
    /// Which tool's variables were found, for `check-config` and for start-up logs.
    enum Tool: String, CaseIterable { case johariMirror = "johari-mirror", kubeDingTalk = "kube-dingtalk", podMonitor = "Kubernetes Pod Monitor" }

    var tools: [Tool] = []
    /// The variables that were set (secrets by name only), in the order they are documented.
    var recognised: [String] = []
    var slackToken: SecretValue?
    /// `SLACK_API_URL`: another Slack Web API base (a proxy, a test receiver).
    var slackAPIURL: String?
    /// johari-mirror's routing table.
    var slackRoutes: ContainerRoutes?
    /// The Pod Monitor's single channel.
    var slackChannel: String?
    var slackNotify: Bool?
    var dingTalkToken: SecretValue?
    /// `DINGTALK_SECRET`: the robot's signing secret (Muninn's addition; kube-dingtalk cannot sign).
    var dingTalkSecret: SecretValue?
    var floodExpire: Duration?
    var notReadyMinTime: Duration?
    var tickRate: Duration?
    var namespacesOnly: [String]?
    var useKubeconfig: Bool?
    var useCluster: Bool?
    var recoveryAlert: Bool?
    var clusterName: String?
    var checkInterval: Duration?
    var maxCrashLogLength: Int?
    /// The Pod Monitor's `ELASTICSEARCH_URL` (with `ELASTICSEARCH_SCHEME` and `ELASTICSEARCH_PORT` folded in).
    var elasticsearchURL: String?
    /// `ELASTICSEARCH_INDEX` without its trailing `-` (`k8s-crash-monitor-` -> `k8s-crash-monitor`).
    var elasticsearchIndexPrefix: String?
    /// Muninn's `ELASTICSEARCH_USERNAME` and `ELASTICSEARCH_PASSWORD` (the Pod Monitor signs with AWS SigV4 instead).
    var elasticsearchUsername: String?
    var elasticsearchPassword: SecretValue?

    init() {}

    /// Reads and validates every variable present; the first mistake names the variable.
    init(_ environment: [String: String]) throws {
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func fail(_ name: String, _ message: String) -> ConfigurationError {
            ConfigurationError(file: "environment", line: nil, key: name, message: message)
        }
        func milliseconds(_ name: String) throws -> Duration? {
            guard let raw = value(name) else { return nil }
            guard let number = Int64(raw), number > 0 else { throw fail(name, "expected a positive number of milliseconds, got '\(raw)'") }
            return .milliseconds(number)
        }
        func seconds(_ name: String) throws -> Duration? {
            guard let raw = value(name) else { return nil }
            guard let number = Int64(raw), number > 0 else { throw fail(name, "expected a positive number of seconds, got '\(raw)'") }
            return .seconds(number)
        }
        func bool(_ name: String) throws -> Bool? {
            guard let raw = value(name) else { return nil }
            switch raw.lowercased() {
            case "true", "1", "yes": return true
            case "false", "0", "no": return false
            default: throw fail(name, "expected true or false, got '\(raw)'")
            }
        }

        // `NAME_FILE` holds the path of a file with the value, as Kubernetes mounts Secrets.
        func secret(_ name: String) throws -> SecretValue? {
            // A value pasted with `$(cat file)` may end in a newline, which no token contains.
            let inline = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            let file = value(name + "_FILE")
            switch (inline, file) {
            case (let inline?, nil): return SecretValue(value: inline, source: .environment(name))
            case (nil, let path?):
                do {
                    return SecretValue(value: try SecretReader(baseDirectory: nil).read(path), source: .file(path))
                } catch {
                    throw fail(name + "_FILE", error.message)
                }
            case (_?, _?): throw fail(name + "_FILE", "set either \(name) or \(name)_FILE, not both")
            case (nil, nil): return nil
            }
        }

        slackToken = try secret("SLACK_TOKEN")
        if let url = value("SLACK_API_URL") {
            guard DestinationsParser.isHTTPURL(url) else { throw fail("SLACK_API_URL", "expected an http:// or https:// URL, got '\(url)'") }
            slackAPIURL = url
        }
        if let rules = environment["SLACK_NOTIFICATION_CONFIG"] {
            do {
                slackRoutes = try ContainerRoutes(parsing: rules)
            } catch {
                throw fail("SLACK_NOTIFICATION_CONFIG", error.description)
            }
            tools.append(.johariMirror)
        }
        dingTalkToken = try secret("DINGTALK_TOKEN")
        if let token = dingTalkToken, let problem = DestinationsParser.dingTalkTokenProblem(token.value) {
            throw fail("DINGTALK_TOKEN", problem)
        }
        dingTalkSecret = try secret("DINGTALK_SECRET")
        floodExpire = try milliseconds("FLOOD_EXPIRE")
        notReadyMinTime = try milliseconds("NOT_READY_MIN_TIME")
        tickRate = try milliseconds("TICK_RATE")
        useKubeconfig = try bool("KUBE_USE_KUBECONFIG")
        useCluster = try bool("KUBE_USE_CLUSTER")
        recoveryAlert = try bool("RECOVERY_ALERT")
        if let raw = value("KUBE_NAMESPACES_ONLY") {
            namespacesOnly = try Self.namespaceList(raw, fail: { fail("KUBE_NAMESPACES_ONLY", $0) })
        }
        if dingTalkToken != nil || recoveryAlert != nil || floodExpire != nil || notReadyMinTime != nil || tickRate != nil || namespacesOnly != nil {
            tools.append(.kubeDingTalk)
        }
        clusterName = value("CLUSTER_NAME")
        slackChannel = value("SLACK_CHANNEL")
        slackNotify = try bool("SLACK_NOTIFY")
        checkInterval = try seconds("CHECK_INTERVAL")
        if let raw = value("MAX_CRASHLOG_LENGTH") {
            guard let length = Int(raw), length > 0 else { throw fail("MAX_CRASHLOG_LENGTH", "expected a positive number of bytes, got '\(raw)'") }
            maxCrashLogLength = length
        }
        try readElasticsearch(value: value, secret: secret, fail: fail)
        if clusterName != nil || slackChannel != nil || slackNotify != nil || checkInterval != nil || maxCrashLogLength != nil || elasticsearchURL != nil {
            tools.append(.podMonitor)
        }
        if slackToken != nil && tools.isEmpty { tools.append(.johariMirror) }
        recognised = Self.variables.filter { environment[$0].map { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? false }
    }

    /// Every variable read, in the order docs/configuration.md lists them.
    static let variables = [
        "SLACK_TOKEN", "SLACK_TOKEN_FILE", "SLACK_NOTIFICATION_CONFIG", "SLACK_API_URL", "SLACK_CHANNEL", "SLACK_NOTIFY", "CLUSTER_NAME",
        "MAX_CRASHLOG_LENGTH", "CHECK_INTERVAL", "DINGTALK_TOKEN", "DINGTALK_TOKEN_FILE", "DINGTALK_SECRET", "DINGTALK_SECRET_FILE",
        "FLOOD_EXPIRE", "NOT_READY_MIN_TIME", "TICK_RATE", "RECOVERY_ALERT", "KUBE_NAMESPACES_ONLY", "KUBE_USE_KUBECONFIG",
        "KUBE_USE_CLUSTER", "ELASTICSEARCH_URL", "ELASTICSEARCH_SCHEME", "ELASTICSEARCH_PORT", "ELASTICSEARCH_INDEX", "ELASTICSEARCH_USERNAME",
        "ELASTICSEARCH_PASSWORD", "ELASTICSEARCH_PASSWORD_FILE",
    ]

    /// A JSON array (`["a","b"]`) or a comma list (`a, b`); names must be valid namespace names.
    static func namespaceList(_ raw: String, fail: (String) -> ConfigurationError) throws -> [String] {
        let names: [String]
        if raw.hasPrefix("[") {
            guard let data = raw.data(using: .utf8), let array = try? JSONSerialization.jsonObject(with: data) as? [String] else {
                throw fail("looks like a JSON array but is not an array of strings: \(raw)")
            }
            names = array.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        } else {
            names = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        for name in names where !isNamespaceName(name) {
            throw fail("'\(name)' is not a valid namespace name (lower-case letters, digits and '-', at most 63)")
        }
        return names
    }

    /// RFC 1123 label: what Kubernetes accepts as a namespace name.
    static func isNamespaceName(_ name: String) -> Bool {
        guard (1...63).contains(name.count), let first = name.first, let last = name.last,
            first.isLetter || first.isNumber, last.isLetter || last.isNumber
        else { return false }
        return name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
