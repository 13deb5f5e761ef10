import MuninnCore

/// What `check-config` prints about the change watch: the resources and the chain in order, never a secret
/// (webhook URLs and tokens only say where they were set).
struct ChangeWatchSummary {
    var configuration: ChangeWatchConfiguration?
    var kwatchman: KwatchmanEnvironment

    var lines: [String] {
        guard let configuration else { return ["change watch: off"] }
        let settings = configuration.settings
        var lines: [String]
        switch configuration.source {
        case .yaml(let file): lines = ["change watch (from \(file), changes:):"]
        case .kwatchman(let file): lines = ["change watch (kwatchman config \(file)):"]
        case .merged(let yaml, let kwatchman): lines = ["change watch (kwatchman config \(kwatchman), and from \(yaml), changes:):"]
        }
        if settings.resources.isEmpty { lines.append("  resources: none (nothing is watched)") }
        for resource in settings.resources {
            var line = "  resource \(resource.name): namespaces \(resource.namespaces.isEmpty ? "all" : resource.namespaces.joined(separator: ", "))"
            if let selector = resource.labelSelector { line += ", labels \(selector)" }
            if !resource.policy.ignoredPaths.isEmpty { line += ", ignoring \(resource.policy.ignoredPaths.joined(separator: ", "))" }
            if !resource.policy.honoursAnnotation { line += ", \(DiffPolicy.ignoreAnnotation) not honoured" }
            lines.append(line)
        }
        if settings.chain.isEmpty { lines.append("  chain: empty (changes are only stored)") }
        for (index, step) in settings.chain.enumerated() {
            lines.append("  \(index + 1). " + Self.describe(step) + (configuration.secretSources[index].map { " [\($0.joined(separator: "; "))]" } ?? ""))
        }
        lines.append("  attempts per change: \(settings.attempts)")
        lines.append("  crash link: " + (settings.crashLinkWindowSeconds > 0 ? "changes up to \(ConfigDuration.text(.seconds(settings.crashLinkWindowSeconds))) before a crash" : "off"))
        lines.append(
            "  at shutdown: " + (settings.drainTimeoutSeconds > 0
                ? "a change in the chain may finish for up to \(ConfigDuration.text(.seconds(settings.drainTimeoutSeconds)))" : "a change in the chain is cut off"))
        if !kwatchman.recognised.isEmpty { lines.append("  kwatchman environment: \(kwatchman.recognised.joined(separator: ", "))") }
        return lines
    }

    static func describe(_ step: ChangeHandlerSpec) -> String {
        switch step {
        case .diff(let paths): paths.isEmpty ? "diff" : "diff, also ignoring \(paths.joined(separator: ", "))"
        case .log: "log (one JSON line per change)"
        case .ignoreEvents(let actions): "ignoreEvents \(ChangeAction.allCases.filter(actions.contains).map(\.rawValue).joined(separator: ", "))"
        case .slack(let target):
            "slack " + (target.webhookURL != nil ? "incoming webhook" : "bot to \(target.channel ?? "?")")
                + (target.clusterName.map { ", cluster \($0)" } ?? "")
        case .webhook(_, let secret): secret == nil ? "webhook (JSON, unsigned)" : "webhook (signed JSON)"
        case .exec(let command, let timeout): "exec \(command.first ?? "") (\(command.count - 1) arguments, timeout \(timeout)s)"
        case .destination(let name): "destination \(name)"
        }
    }
}
