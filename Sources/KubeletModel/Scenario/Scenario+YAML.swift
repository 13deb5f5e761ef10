import Foundation
import Yams

extension Scenario {
    /// Parses a scenario file (format: docs/scenarios.md). Mistakes are reported with the line,
    /// the key, and for enumerations the allowed values.
    public init(yaml: String) throws(ScenarioError) {
        let reader = ScenarioYAMLReader()
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ScenarioError(line: 1, column: 1, key: "", message: "the scenario file is empty")
            }
            root = composed
        } catch let error as ScenarioError {
            throw error
        } catch let error as YamlError {
            throw Self.positioned(error)
        } catch {
            throw ScenarioError(line: 0, column: 0, key: "", message: "not valid YAML: \(error)")
        }
        let top = try reader.mapping(root, "", allowed: ["namespaces", "nodes", "workloads", "timeline", "nodeLeases"])
        let namespaces = try reader.strings(try reader.required(top, "namespaces", in: root, ""), "namespaces")
        let nodes = try top["nodes"].map { node throws(ScenarioError) in try reader.strings(node, "nodes") } ?? ["kind-worker", "kind-worker2"]
        var workloads: [WorkloadSpec] = []
        for (index, node) in try reader.sequence(try reader.required(top, "workloads", in: root, ""), "workloads").enumerated() {
            let workload = try Self.workload(node, "workloads[\(index)]", reader: reader)
            guard namespaces.contains(workload.namespace) else {
                throw reader.error(node, "workloads[\(index)].namespace", "namespace '\(workload.namespace)' is not declared in 'namespaces' (\(namespaces.joined(separator: ", ")))")
            }
            workloads.append(workload)
        }
        var timeline: [TimelineEntry] = []
        if let list = top["timeline"] {
            for (index, node) in try reader.sequence(list, "timeline").enumerated() {
                let entry = try Self.timelineEntry(node, "timeline[\(index)]", reader: reader)
                let namespace = entry.target.split(separator: "/").first.map(String.init) ?? ""
                guard namespaces.contains(namespace) else {
                    throw reader.error(node, "timeline[\(index)].target", "namespace '\(namespace)' of target '\(entry.target)' is not declared in 'namespaces'")
                }
                timeline.append(entry)
            }
        }
        let nodeLeases = try top["nodeLeases"].map { node throws(ScenarioError) in try reader.bool(node, "nodeLeases") } ?? false
        self.init(namespaces: namespaces, nodes: nodes, workloads: workloads, timeline: timeline, nodeLeases: nodeLeases)
    }

    private static func positioned(_ error: YamlError) -> ScenarioError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ScenarioError(line: mark.line, column: mark.column, key: "", message: "not valid YAML: \(problem)")
        default:
            return ScenarioError(line: 0, column: 0, key: "", message: "not valid YAML: \(error)")
        }
    }

    private static func workload(_ node: Node, _ key: String, reader: ScenarioYAMLReader) throws(ScenarioError) -> WorkloadSpec {
        let members = try reader.mapping(node, key, allowed: ["kind", "name", "namespace", "replicas", "containers", "initContainers", "startAfter", "realism"])
        let kind = try reader.oneOf(try reader.required(members, "kind", in: node, key), "\(key).kind", WorkloadKind.self)
        let name = try reader.string(try reader.required(members, "name", in: node, key), "\(key).name")
        let namespace = try reader.string(try reader.required(members, "namespace", in: node, key), "\(key).namespace")
        let replicas = try members["replicas"].map { node throws(ScenarioError) in try reader.int(node, "\(key).replicas") } ?? 1
        guard replicas >= 0 else { throw reader.error(members["replicas"], "\(key).replicas", "must not be negative") }
        var containers: [ContainerBlueprint] = []
        for (index, item) in try reader.sequence(try reader.required(members, "containers", in: node, key), "\(key).containers").enumerated() {
            containers.append(try container(item, "\(key).containers[\(index)]", isInit: false, reader: reader))
        }
        guard !containers.isEmpty else { throw reader.error(members["containers"], "\(key).containers", "a workload needs at least one container") }
        var initContainers: [ContainerBlueprint] = []
        if let list = members["initContainers"] {
            for (index, item) in try reader.sequence(list, "\(key).initContainers").enumerated() {
                initContainers.append(try container(item, "\(key).initContainers[\(index)]", isInit: true, reader: reader))
            }
        }
        let startAfter = try members["startAfter"].map { node throws(ScenarioError) in try reader.duration(node, "\(key).startAfter") } ?? 0
        var realism = PodRealism.standard
        if let node = members["realism"] {
            switch try reader.string(node, "\(key).realism") {
            case "standard": realism = .standard
            case "exemplar": realism = .exemplar
            case let other: throw reader.error(node, "\(key).realism", "unknown value '\(other)'; allowed: standard, exemplar")
            }
        }
        return WorkloadSpec(kind: kind, name: name, namespace: namespace, replicas: replicas, containers: containers,
                            initContainers: initContainers, startAfter: startAfter, realism: realism)
    }

    private static func container(_ node: Node, _ key: String, isInit: Bool, reader: ScenarioYAMLReader) throws(ScenarioError) -> ContainerBlueprint {
        var allowed: Set<String> = ["name", "image", "command", "args", "requests", "limits", "ports", "behaviour"]
        if isInit { allowed.insert("sidecar") }
        let members = try reader.mapping(node, key, allowed: allowed)
        var container = ContainerBlueprint(
            name: try reader.string(try reader.required(members, "name", in: node, key), "\(key).name"),
            image: try reader.string(try reader.required(members, "image", in: node, key), "\(key).image"))
        if let value = members["command"] { container.command = try reader.strings(value, "\(key).command") }
        if let value = members["args"] { container.args = try reader.strings(value, "\(key).args") }
        if let value = members["requests"] { container.requests = try reader.stringMap(value, "\(key).requests") }
        if let value = members["limits"] { container.limits = try reader.stringMap(value, "\(key).limits") }
        if let value = members["ports"] {
            var ports: [Int] = []
            for (index, item) in try reader.sequence(value, "\(key).ports").enumerated() { ports.append(try reader.int(item, "\(key).ports[\(index)]")) }
            container.ports = ports
        }
        if let value = members["sidecar"] { container.isSidecar = try reader.bool(value, "\(key).sidecar") }
        if let value = members["behaviour"] { container.behaviour = try behaviour(value, "\(key).behaviour", reader: reader) }
        return container
    }

    /// `behaviour: healthy` or `behaviour: {crashloop: {exitCode: 1, after: 20s, logs: panic}}`.
    private static func behaviour(_ node: Node, _ key: String, reader: ScenarioYAMLReader) throws(ScenarioError) -> ContainerBehaviour {
        let nameNode: Node
        var options: [String: Node] = [:]
        if node.scalar != nil {
            nameNode = node
        } else if let mapping = node.mapping, mapping.count == 1, let first = mapping.first {
            nameNode = first.key
            if first.value.mapping != nil {
                options = try reader.mapping(first.value, "\(key).\(first.key.string ?? "")", allowed: ["exitCode", "reason", "after", "logs", "message", "period"])
            } else if !(first.value.null != nil || first.value.scalar?.string == "") {
                throw reader.error(first.value, "\(key).\(first.key.string ?? "")", "expected a mapping of options")
            }
        } else {
            throw reader.error(node, key, "expected a behaviour name or a single-key mapping; allowed: \(BehaviourName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let name = try reader.oneOf(nameNode, key, BehaviourName.self)
        let optionKey = "\(key).\(name.rawValue)"
        func after(_ fallback: TimeInterval) throws(ScenarioError) -> TimeInterval {
            try options["after"].map { node throws(ScenarioError) in try reader.duration(node, "\(optionKey).after") } ?? fallback
        }
        func logs(_ fallback: LastWords) throws(ScenarioError) -> LastWords {
            try options["logs"].map { node throws(ScenarioError) in try reader.oneOf(node, "\(optionKey).logs", LastWords.self) } ?? fallback
        }
        switch name {
        case .healthy:
            return .healthy
        case .crashloop:
            let exitCode = try options["exitCode"].map { node throws(ScenarioError) in try reader.int(node, "\(optionKey).exitCode") } ?? 1
            let reason = try options["reason"].map { node throws(ScenarioError) in try reader.string(node, "\(optionKey).reason") } ?? (exitCode == 0 ? "Completed" : "Error")
            let message = try options["message"].map { node throws(ScenarioError) in try reader.string(node, "\(optionKey).message") }
            return .crashLoop(exit: ContainerExit(exitCode: exitCode, reason: reason, message: message, lastWords: try logs(.stackTrace)), after: try after(20))
        case .oom:
            var exit = ContainerExit.oomKilled
            exit.lastWords = try logs(.killed)
            return .crashLoop(exit: exit, after: try after(30))
        case .startError:
            return .crashLoop(exit: .startError, after: 0)
        case .imagePullFailure:
            return .imagePullFailure
        case .configError:
            let message = try options["message"].map { node throws(ScenarioError) in try reader.string(node, "\(optionKey).message") }
            return .configError(message: message ?? "secret \"app-credentials\" not found")
        case .flapReadiness:
            let period = try options["period"].map { node throws(ScenarioError) in try reader.duration(node, "\(optionKey).period") } ?? 15
            return .flapReadiness(period: period)
        case .completes:
            let exitCode = try options["exitCode"].map { node throws(ScenarioError) in try reader.int(node, "\(optionKey).exitCode") } ?? 0
            return .completes(after: try after(20), exitCode: exitCode)
        }
    }

    private static func timelineEntry(_ node: Node, _ key: String, reader: ScenarioYAMLReader) throws(ScenarioError) -> TimelineEntry {
        let members = try reader.mapping(node, key, allowed: ["at", "action", "target", "container", "image", "replicas", "exitCode", "reason", "logs", "message"])
        let at = try reader.duration(try reader.required(members, "at", in: node, key), "\(key).at")
        let action = try reader.oneOf(try reader.required(members, "action", in: node, key), "\(key).action", ScenarioAction.self)
        let targetNode = try reader.required(members, "target", in: node, key)
        let target = try reader.string(targetNode, "\(key).target")
        let parts = target.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw reader.error(targetNode, "\(key).target", "expected namespace/name, got '\(target)'")
        }
        var entry = TimelineEntry(at: at, action: action, target: target)
        if let value = members["container"] { entry.container = try reader.string(value, "\(key).container") }
        if let value = members["image"] { entry.image = try reader.string(value, "\(key).image") }
        if let value = members["replicas"] { entry.replicas = try reader.int(value, "\(key).replicas") }
        if action == .scale && entry.replicas == nil {
            throw reader.error(node, "\(key).replicas", "missing required key 'replicas' for action scale")
        }
        if action == .rollout && entry.image == nil {
            throw reader.error(node, "\(key).image", "missing required key 'image' for action rollout")
        }
        if action == .crash {
            let exitCode = try members["exitCode"].map { node throws(ScenarioError) in try reader.int(node, "\(key).exitCode") } ?? 1
            let reason = try members["reason"].map { node throws(ScenarioError) in try reader.string(node, "\(key).reason") } ?? "Error"
            let message = try members["message"].map { node throws(ScenarioError) in try reader.string(node, "\(key).message") }
            let logs = try members["logs"].map { node throws(ScenarioError) in try reader.oneOf(node, "\(key).logs", LastWords.self) } ?? .stackTrace
            entry.exit = ContainerExit(exitCode: exitCode, reason: reason, message: message, lastWords: logs)
        }
        return entry
    }
}
