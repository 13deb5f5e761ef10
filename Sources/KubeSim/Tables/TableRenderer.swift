import Foundation
import KubeJSON

/// Server-side printing for `Accept: application/json;as=Table;…` (what kubectl get asks for),
/// with the columns of the real printers for the common kinds and Name/Created At otherwise.
enum TableRenderer {
    static func columns(for definition: ResourceDefinition) -> [TableColumn] {
        switch (definition.group, definition.resource) {
        case ("", "pods"):
            return [.name, .plain("Ready", "The aggregate readiness state of this pod for accepting traffic."),
                    .plain("Status", "The aggregate status of the containers in this pod."),
                    .plain("Restarts", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                    .age, .plain("IP", "IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", priority: 1),
                    .plain("Node", "NodeName is a request to schedule this pod onto a specific node.", priority: 1),
                    .plain("Nominated Node", "nominatedNodeName is set only when this pod preempts other pods on the node.", priority: 1),
                    .plain("Readiness Gates", "If specified, all readiness gates will be evaluated for pod readiness.", priority: 1)]
        case ("apps", "deployments"):
            return [.name, .plain("Ready", "Number of the pod with ready state"),
                    .plain("Up-to-date", "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                    .plain("Available", "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                    .age, .plain("Containers", "Names of each container in the template.", priority: 1),
                    .plain("Images", "Images referenced by each container in the template.", priority: 1),
                    .plain("Selector", "Label selector for pods.", priority: 1)]
        case ("apps", "replicasets"):
            return [.name, .plain("Desired", "Replicas is the number of desired replicas.", type: "integer"),
                    .plain("Current", "Replicas is the most recently observed number of replicas.", type: "integer"),
                    .plain("Ready", "The number of ready replicas for this replica set.", type: "integer"), .age]
        case ("apps", "statefulsets"):
            return [.name, .plain("Ready", "Number of the pod with ready state"), .age]
        case ("apps", "daemonsets"):
            return [.name, .plain("Desired", type: "integer"), .plain("Current", type: "integer"), .plain("Ready", type: "integer"),
                    .plain("Up-to-date", type: "integer"), .plain("Available", type: "integer"), .plain("Node Selector"), .age]
        case ("", "nodes"):
            return [.name, .plain("Status", "The status of the node"), .plain("Roles", "The roles of the node"), .age,
                    .plain("Version", "Kubelet Version reported by the node.")]
        case ("", "namespaces"):
            return [.name, .plain("Status", "The status of the namespace"), .age]
        case ("", "events"), ("events.k8s.io", "events"):
            return [.plain("Last Seen"), .plain("Type"), .plain("Reason"), .plain("Object"), .plain("Message")]
        case ("coordination.k8s.io", "leases"):
            return [.name, .plain("Holder", "The holder of the lease"), .age]
        case ("", "services"):
            return [.name, .plain("Type"), .plain("Cluster-IP"), .plain("External-IP"), .plain("Port(s)"), .age]
        case ("", "configmaps"):
            return [.name, .plain("Data", type: "integer"), .age]
        case ("", "secrets"):
            return [.name, .plain("Type"), .plain("Data", type: "integer"), .age]
        case ("batch", "jobs"):
            return [.name, .plain("Completions"), .plain("Duration"), .age]
        default:
            return [.name, TableColumn(name: "Created At", type: "date", description: "CreationTimestamp is a timestamp representing the server time when this object was created.")]
        }
    }

    static func cells(for definition: ResourceDefinition, object: JSONValue, now: Date) -> [JSONValue] {
        let name = JSONValue.string(object[path: ["metadata", "name"]]?.stringValue ?? "")
        let age = JSONValue.string(HumanDuration.since(object[path: ["metadata", "creationTimestamp"]]?.stringValue, now: now))
        func text(_ path: [String], _ fallback: String = "<none>") -> JSONValue {
            if let value = object[path: path]?.stringValue, !value.isEmpty { return .string(value) }
            return .string(fallback)
        }
        func integer(_ path: [String]) -> Int64 { object[path: path]?.intValue ?? 0 }
        switch (definition.group, definition.resource) {
        case ("", "pods"):
            let summary = PodStatusSummary(pod: object, now: now)
            let gates = object[path: ["spec", "readinessGates"]]?.arrayValue ?? []
            return [name, .string(summary.ready), .string(summary.status), .string(summary.restarts), age,
                    text(["status", "podIP"]), text(["spec", "nodeName"]), text(["status", "nominatedNodeName"]),
                    .string(gates.isEmpty ? "<none>" : "0/\(gates.count)")]
        case ("apps", "deployments"):
            let containers = object[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
            let selector = (object[path: ["spec", "selector", "matchLabels"]]?.objectValue ?? JSONObject())
                .map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
            return [name, .string("\(integer(["status", "readyReplicas"]))/\(integer(["spec", "replicas"]))"),
                    .int(integer(["status", "updatedReplicas"])), .int(integer(["status", "availableReplicas"])), age,
                    .string(containers.compactMap { $0["name"]?.stringValue }.joined(separator: ",")),
                    .string(containers.compactMap { $0["image"]?.stringValue }.joined(separator: ",")),
                    .string(selector)]
        case ("apps", "replicasets"):
            return [name, .int(integer(["spec", "replicas"])), .int(integer(["status", "replicas"])),
                    .int(integer(["status", "readyReplicas"])), age]
        case ("apps", "statefulsets"):
            return [name, .string("\(integer(["status", "readyReplicas"]))/\(integer(["spec", "replicas"]))"), age]
        case ("apps", "daemonsets"):
            let selector = (object[path: ["spec", "template", "spec", "nodeSelector"]]?.objectValue ?? JSONObject())
                .map { "\($0.key)=\($0.value.stringValue ?? "")" }.joined(separator: ",")
            return [name, .int(integer(["status", "desiredNumberScheduled"])), .int(integer(["status", "currentNumberScheduled"])),
                    .int(integer(["status", "numberReady"])), .int(integer(["status", "updatedNumberScheduled"])),
                    .int(integer(["status", "numberAvailable"])), .string(selector.isEmpty ? "<none>" : selector), age]
        case ("", "nodes"):
            let conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
            var status = conditions.first { $0["type"] == "Ready" }.map { $0["status"] == "True" ? "Ready" : "NotReady" } ?? "Unknown"
            if object[path: ["spec", "unschedulable"]]?.boolValue == true { status += ",SchedulingDisabled" }
            let roles = (object[path: ["metadata", "labels"]]?.objectValue ?? JSONObject()).keys
                .filter { $0.hasPrefix("node-role.kubernetes.io/") }.map { String($0.dropFirst("node-role.kubernetes.io/".count)) }
            return [name, .string(status), .string(roles.isEmpty ? "<none>" : roles.sorted().joined(separator: ",")), age,
                    text(["status", "nodeInfo", "kubeletVersion"], "")]
        case ("", "namespaces"):
            return [name, text(["status", "phase"], ""), age]
        case ("", "events"), ("events.k8s.io", "events"):
            let core = definition.group == "events.k8s.io" ? EventConversion.toCore(object) : object
            let last = core["lastTimestamp"]?.stringValue ?? core["eventTime"]?.stringValue
                ?? core[path: ["metadata", "creationTimestamp"]]?.stringValue
            let kind = core[path: ["involvedObject", "kind"]]?.stringValue?.lowercased() ?? ""
            let involved = core[path: ["involvedObject", "name"]]?.stringValue ?? ""
            return [.string(HumanDuration.since(last, now: now)), .string(core["type"]?.stringValue ?? ""),
                    .string(core["reason"]?.stringValue ?? ""), .string("\(kind)/\(involved)"),
                    .string(core["message"]?.stringValue ?? "")]
        case ("coordination.k8s.io", "leases"):
            return [name, text(["spec", "holderIdentity"], ""), age]
        case ("", "services"):
            let ports = (object[path: ["spec", "ports"]]?.arrayValue ?? []).map { port -> String in
                "\(port["port"]?.intValue ?? 0)/\(port["protocol"]?.stringValue ?? "TCP")"
            }
            return [name, text(["spec", "type"], "ClusterIP"), text(["spec", "clusterIP"]), .string("<none>"),
                    .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")), age]
        case ("", "configmaps"):
            return [name, .int(Int64((object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0))), age]
        case ("", "secrets"):
            return [name, text(["type"], ""), .int(Int64(object["data"]?.objectValue?.count ?? 0)), age]
        case ("batch", "jobs"):
            let completions = object[path: ["spec", "completions"]]?.intValue ?? 1
            return [name, .string("\(integer(["status", "succeeded"]))/\(completions)"), .string(""), age]
        default:
            return [name, object[path: ["metadata", "creationTimestamp"]] ?? .null]
        }
    }

    /// The `object` of a row: PartialObjectMetadata (kubectl's default includeObject=Metadata).
    static func rowObject(_ object: JSONValue, tableVersion: String) -> JSONValue {
        ["kind": "PartialObjectMetadata", "apiVersion": .string("meta.k8s.io/\(tableVersion)"),
         "metadata": object["metadata"] ?? .object(JSONObject())]
    }

    static func table(
        definition: ResourceDefinition, objects: [JSONValue], resourceVersion: String, continueToken: String?,
        remainingItemCount: Int?, includeColumns: Bool, tableVersion: String, now: Date
    ) -> JSONValue {
        var metadata = JSONObject([("resourceVersion", .string(resourceVersion))])
        if let continueToken { metadata["continue"] = .string(continueToken) }
        if let remainingItemCount { metadata["remainingItemCount"] = .int(Int64(remainingItemCount)) }
        let rows: [JSONValue] = objects.map { object in
            ["cells": .array(cells(for: definition, object: object, now: now)),
             "object": rowObject(object, tableVersion: tableVersion)]
        }
        return [
            "kind": "Table", "apiVersion": .string("meta.k8s.io/\(tableVersion)"), "metadata": .object(metadata),
            "columnDefinitions": includeColumns ? .array(columns(for: definition).map(\.json)) : .array([]),
            "rows": .array(rows),
        ]
    }
}
