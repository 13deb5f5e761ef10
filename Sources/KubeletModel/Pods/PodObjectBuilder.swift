import Foundation
import KubeJSON

/// Builds the parts of a pod that the kubelet never changes: `metadata` and `spec`, in the order
/// the apiserver writes them (Go struct order; maps sorted by key).
struct PodObjectBuilder {
    let blueprint: PodBlueprint
    let uid: String
    /// The random suffix of the `kube-api-access-xxxxx` projected volume.
    let volumeSuffix: String
    let creationTimestamp: Date

    var serviceAccountVolumeName: String { "kube-api-access-\(volumeSuffix)" }

    func metadata(deletion: PodDeletion? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(blueprint.name))]
        if let generateName = blueprint.generateName { members.append(("generateName", .string(generateName))) }
        members.append(("namespace", .string(blueprint.namespace)))
        members.append(("uid", .string(uid)))
        if blueprint.realism == .exemplar { members.append(("generation", 1)) }
        members.append(("creationTimestamp", .string(KubeTime.rfc3339(creationTimestamp))))
        if let deletion {
            members.append(("deletionTimestamp", .string(KubeTime.rfc3339(deletion.deadline))))
            members.append(("deletionGracePeriodSeconds", .int(Int64(deletion.gracePeriodSeconds))))
        }
        if !blueprint.labels.isEmpty { members.append(("labels", JSONBuilding.sortedMap(blueprint.labels))) }
        if !blueprint.annotations.isEmpty { members.append(("annotations", JSONBuilding.sortedMap(blueprint.annotations))) }
        if let owner = blueprint.owner {
            members.append(("ownerReferences", .array([Self.ownerReference(owner)])))
        }
        return JSONBuilding.object(members)
    }

    static func ownerReference(_ owner: OwnerReference) -> JSONValue {
        JSONBuilding.object([
            ("apiVersion", .string(owner.apiVersion)), ("kind", .string(owner.kind)), ("name", .string(owner.name)),
            ("uid", .string(owner.uid)), ("controller", true), ("blockOwnerDeletion", true),
        ])
    }

    func spec() -> JSONValue {
        var members: [(String, JSONValue)] = [("volumes", .array(volumes()))]
        if !blueprint.initContainers.isEmpty {
            members.append(("initContainers", .array(blueprint.initContainers.map { container($0, isInit: true) })))
        }
        members.append(("containers", .array(blueprint.containers.map { container($0, isInit: false) })))
        members.append(("restartPolicy", .string(blueprint.restartPolicy.rawValue)))
        members.append(("terminationGracePeriodSeconds", .int(Int64(blueprint.terminationGracePeriodSeconds))))
        members.append(("dnsPolicy", "ClusterFirst"))
        members.append(("serviceAccountName", .string(blueprint.serviceAccountName)))
        members.append(("serviceAccount", .string(blueprint.serviceAccountName)))
        members.append(("nodeName", .string(blueprint.nodeName)))
        members.append(("securityContext", JSONBuilding.emptyObject))
        members.append(("schedulerName", "default-scheduler"))
        members.append(("tolerations", Self.defaultTolerations(seconds: blueprint.realism == .exemplar ? 900 : 300)))
        members.append(("priority", 0))
        members.append(("enableServiceLinks", true))
        members.append(("preemptionPolicy", "PreemptLowerPriority"))
        return JSONBuilding.object(members)
    }

    private func volumes() -> [JSONValue] {
        var volumes: [JSONValue] = []
        if blueprint.realism == .exemplar, let configName = blueprint.owner.map({ Self.workloadName(ofOwner: $0.name) }) {
            volumes.append(JSONBuilding.object([
                ("name", "configmap"), ("configMap", JSONBuilding.object([("name", .string(configName)), ("defaultMode", 420)])),
            ]))
            volumes.append(JSONBuilding.object([
                ("name", "secret"), ("secret", JSONBuilding.object([("secretName", .string(configName)), ("defaultMode", 420)])),
            ]))
        }
        volumes.append(Self.serviceAccountVolume(named: serviceAccountVolumeName))
        return volumes
    }

    /// The projected token volume the ServiceAccount admission plugin adds to every pod.
    static func serviceAccountVolume(named name: String) -> JSONValue {
        JSONBuilding.object([
            ("name", .string(name)),
            ("projected", JSONBuilding.object([
                ("sources", .array([
                    ["serviceAccountToken": ["expirationSeconds": 3607, "path": "token"]],
                    ["configMap": ["name": "kube-root-ca.crt", "items": [["key": "ca.crt", "path": "ca.crt"]]]],
                    ["downwardAPI": ["items": [["path": "namespace", "fieldRef": ["apiVersion": "v1", "fieldPath": "metadata.namespace"]]]]],
                ])),
                ("defaultMode", 420),
            ])),
        ])
    }

    static func defaultTolerations(seconds: Int64) -> JSONValue {
        [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": .int(seconds)],
        ]
    }

    /// `shop-api-7d9c5b8f4d` → `shop-api`: a ReplicaSet's Deployment, for names derived from it.
    static func workloadName(ofOwner name: String) -> String {
        guard let dash = name.lastIndex(of: "-") else { return name }
        return String(name[..<dash])
    }

    /// A container as in a pod, or (`inTemplate`) as in a controller's pod template, which has
    /// no admission-added service-account mount.
    func container(_ container: ContainerBlueprint, isInit: Bool, inTemplate: Bool = false) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(container.name)), ("image", .string(container.image))]
        if let command = container.command { members.append(("command", JSONBuilding.strings(command))) }
        if let args = container.args { members.append(("args", JSONBuilding.strings(args))) }
        if !container.ports.isEmpty {
            members.append(("ports", .array(container.ports.map { ["containerPort": .int(Int64($0)), "protocol": "TCP"] })))
        }
        if blueprint.realism == .exemplar && !isInit && !inTemplate { members.append(("env", ExemplarPod.environment(container: container.name))) }
        var resources: [(String, JSONValue)] = []
        if !container.limits.isEmpty { resources.append(("limits", JSONBuilding.sortedMap(container.limits))) }
        if !container.requests.isEmpty { resources.append(("requests", JSONBuilding.sortedMap(container.requests))) }
        members.append(("resources", JSONBuilding.object(resources)))
        if isInit && container.isSidecar { members.append(("restartPolicy", "Always")) }
        if !inTemplate { members.append(("volumeMounts", .array(volumeMounts(for: container, isInit: isInit, inStatus: false)))) }
        if container.hasReadinessProbe {
            members.append(("readinessProbe", [
                "httpGet": ["path": "/healthz", "port": .int(Int64(container.ports.first ?? 8080)), "scheme": "HTTP"],
                "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3,
            ]))
        }
        members.append(("terminationMessagePath", "/dev/termination-log"))
        members.append(("terminationMessagePolicy", "File"))
        members.append(("imagePullPolicy", .string(ImageReference.defaultPullPolicy(for: container.image))))
        return JSONBuilding.object(members)
    }

    /// Mounts as in the spec, or as echoed in `containerStatuses[].volumeMounts` (1.30+), which adds
    /// `recursiveReadOnly` to read-only mounts.
    func volumeMounts(for container: ContainerBlueprint, isInit: Bool, inStatus: Bool) -> [JSONValue] {
        var mounts: [JSONValue] = []
        if blueprint.realism == .exemplar && !isInit && container.name == blueprint.containers.first?.name {
            mounts.append(["name": "configmap", "mountPath": "/var/configmap"])
            mounts.append(["name": "secret", "mountPath": "/var/secret"])
        }
        let path: JSONValue = "/var/run/secrets/kubernetes.io/serviceaccount"
        let name = JSONValue.string(serviceAccountVolumeName)
        // VolumeMount and VolumeMountStatus declare their fields in different orders.
        mounts.append(
            inStatus
                ? JSONBuilding.object([("name", name), ("mountPath", path), ("readOnly", true), ("recursiveReadOnly", "Disabled")])
                : JSONBuilding.object([("name", name), ("readOnly", true), ("mountPath", path)]))
        return mounts
    }
}
