import Foundation
import KubeJSON

/// Workload objects (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job) as the apiserver
/// returns them, with the status their controllers maintain.
struct WorkloadObjects {
    let workload: WorkloadSimulation
    /// Pods of the workload that exist, with their revision.
    let pods: [(revision: Int, pod: PodSimulation)]

    private var spec: WorkloadSpec { workload.spec }

    func objects() -> [(GroupVersionResource, JSONValue)] {
        switch spec.kind {
        case .deployment:
            var objects: [(GroupVersionResource, JSONValue)] = [(.deployments, deployment())]
            for index in workload.revisions.indices { objects.append((.replicaSets, replicaSet(index))) }
            return objects
        case .statefulSet: return [(.statefulSets, statefulSet())]
        case .daemonSet: return [(.daemonSets, daemonSet())]
        case .job: return [(.jobs, job())]
        case .pod: return []
        }
    }

    private func metadata(name: String, labels: [String: String], annotations: [String: String] = [:], owner: OwnerReference? = nil, uid: String, created: Date) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(name)), ("namespace", .string(spec.namespace)), ("uid", .string(uid)),
            ("generation", .int(Int64(workload.generation))), ("creationTimestamp", .string(KubeTime.rfc3339(created))),
            ("labels", JSONBuilding.sortedMap(labels)),
        ]
        if !annotations.isEmpty { members.append(("annotations", JSONBuilding.sortedMap(annotations))) }
        if let owner { members.append(("ownerReferences", [PodObjectBuilder.ownerReference(owner)])) }
        return JSONBuilding.object(members)
    }

    private func template(_ revision: WorkloadRevision, labels: [String: String], restartPolicy: RestartPolicy = .always) -> JSONValue {
        let builder = PodObjectBuilder(
            blueprint: PodBlueprint(namespace: spec.namespace, name: spec.name, containers: revision.containers),
            uid: "", volumeSuffix: "", creationTimestamp: revision.created)
        var podSpec: [(String, JSONValue)] = []
        if !revision.initContainers.isEmpty {
            podSpec.append(("initContainers", .array(revision.initContainers.map { builder.container($0, isInit: true, inTemplate: true) })))
        }
        podSpec += [
            ("containers", .array(revision.containers.map { builder.container($0, isInit: false, inTemplate: true) })),
            ("restartPolicy", .string(restartPolicy.rawValue)), ("terminationGracePeriodSeconds", 30),
            ("dnsPolicy", "ClusterFirst"), ("securityContext", JSONBuilding.emptyObject), ("schedulerName", "default-scheduler"),
        ]
        return JSONBuilding.object([
            ("metadata", JSONBuilding.object([("labels", JSONBuilding.sortedMap(labels))])),
            ("spec", JSONBuilding.object(podSpec)),
        ])
    }

    private func counts(revision: Int?) -> (replicas: Int, ready: Int) {
        let relevant = pods.filter { ($0.pod.isActive || $0.pod.isTerminating) && (revision == nil || $0.revision == revision) }
        return (relevant.count, relevant.filter { $0.pod.isReady }.count)
    }

    private func deployment() -> JSONValue {
        let all = counts(revision: nil)
        let current = counts(revision: workload.revisions.count - 1)
        var status: [(String, JSONValue)] = [
            ("observedGeneration", .int(Int64(workload.generation))), ("replicas", .int(Int64(all.replicas))),
            ("updatedReplicas", .int(Int64(current.replicas))), ("readyReplicas", .int(Int64(all.ready))),
            ("availableReplicas", .int(Int64(all.ready))),
        ]
        if all.replicas > all.ready { status.append(("unavailableReplicas", .int(Int64(all.replicas - all.ready)))) }
        return JSONBuilding.object([
            ("kind", "Deployment"), ("apiVersion", "apps/v1"),
            ("metadata", metadata(name: spec.name, labels: ["app": spec.name],
                                  annotations: ["deployment.kubernetes.io/revision": "\(workload.current.number)"], uid: workload.uid, created: workload.created)),
            ("spec", JSONBuilding.object([
                ("replicas", .int(Int64(spec.replicas))),
                ("selector", ["matchLabels": ["app": .string(spec.name)]]),
                ("template", template(workload.current, labels: ["app": spec.name])),
                ("strategy", ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": "25%", "maxSurge": "25%"]]),
                ("revisionHistoryLimit", 10), ("progressDeadlineSeconds", 600),
            ])),
            ("status", JSONBuilding.object(status)),
        ])
    }

    private func replicaSet(_ index: Int) -> JSONValue {
        let revision = workload.revisions[index]
        let isCurrent = index == workload.revisions.count - 1
        let desired = isCurrent ? spec.replicas : 0
        let counts = counts(revision: index)
        let labels = ["app": spec.name, "pod-template-hash": revision.hash]
        let owner = OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: spec.name, uid: workload.uid)
        return JSONBuilding.object([
            ("kind", "ReplicaSet"), ("apiVersion", "apps/v1"),
            ("metadata", metadata(
                name: "\(spec.name)-\(revision.hash)", labels: labels,
                annotations: [
                    "deployment.kubernetes.io/desired-replicas": "\(spec.replicas)",
                    "deployment.kubernetes.io/max-replicas": "\(spec.replicas + max(1, Int((Double(spec.replicas) * 0.25).rounded(.up))))",
                    "deployment.kubernetes.io/revision": "\(revision.number)",
                ],
                owner: owner, uid: revision.uid, created: revision.created)),
            ("spec", JSONBuilding.object([
                ("replicas", .int(Int64(desired))),
                ("selector", ["matchLabels": JSONBuilding.sortedMap(labels)]),
                ("template", template(revision, labels: labels)),
            ])),
            ("status", JSONBuilding.object([
                ("replicas", .int(Int64(counts.replicas))), ("fullyLabeledReplicas", .int(Int64(counts.replicas))),
                ("readyReplicas", .int(Int64(counts.ready))), ("availableReplicas", .int(Int64(counts.ready))),
                ("observedGeneration", .int(Int64(workload.generation))),
            ])),
        ])
    }

    private func statefulSet() -> JSONValue {
        let all = counts(revision: nil)
        let current = counts(revision: workload.revisions.count - 1)
        let revisionName = "\(spec.name)-\(workload.current.hash)"
        return JSONBuilding.object([
            ("kind", "StatefulSet"), ("apiVersion", "apps/v1"),
            ("metadata", metadata(name: spec.name, labels: ["app": spec.name], uid: workload.uid, created: workload.created)),
            ("spec", JSONBuilding.object([
                ("replicas", .int(Int64(spec.replicas))),
                ("selector", ["matchLabels": ["app": .string(spec.name)]]),
                ("template", template(workload.current, labels: ["app": spec.name])),
                ("serviceName", .string(spec.name)), ("podManagementPolicy", "OrderedReady"),
                ("updateStrategy", ["type": "RollingUpdate", "rollingUpdate": ["partition": 0]]),
                ("revisionHistoryLimit", 10),
            ])),
            ("status", JSONBuilding.object([
                ("observedGeneration", .int(Int64(workload.generation))), ("replicas", .int(Int64(all.replicas))),
                ("readyReplicas", .int(Int64(all.ready))), ("currentReplicas", .int(Int64(current.replicas))),
                ("updatedReplicas", .int(Int64(current.replicas))), ("currentRevision", .string(revisionName)),
                ("updateRevision", .string(revisionName)), ("collisionCount", 0), ("availableReplicas", .int(Int64(all.ready))),
            ])),
        ])
    }

    private func daemonSet() -> JSONValue {
        let all = counts(revision: nil)
        let current = counts(revision: workload.revisions.count - 1)
        let desired = Set(pods.map { $0.pod.blueprint.nodeName }).count
        return JSONBuilding.object([
            ("kind", "DaemonSet"), ("apiVersion", "apps/v1"),
            ("metadata", metadata(name: spec.name, labels: ["app": spec.name], annotations: ["deprecated.daemonset.template.generation": "\(workload.current.number)"], uid: workload.uid, created: workload.created)),
            ("spec", JSONBuilding.object([
                ("selector", ["matchLabels": ["app": .string(spec.name)]]),
                ("template", template(workload.current, labels: ["app": spec.name])),
                ("updateStrategy", ["type": "RollingUpdate", "rollingUpdate": ["maxUnavailable": 1, "maxSurge": 0]]),
                ("revisionHistoryLimit", 10),
            ])),
            ("status", JSONBuilding.object([
                ("currentNumberScheduled", .int(Int64(all.replicas))), ("numberMisscheduled", 0),
                ("desiredNumberScheduled", .int(Int64(desired))), ("numberReady", .int(Int64(all.ready))),
                ("observedGeneration", .int(Int64(workload.generation))), ("updatedNumberScheduled", .int(Int64(current.replicas))),
                ("numberAvailable", .int(Int64(all.ready))),
            ])),
        ])
    }

    private func job() -> JSONValue {
        let labels = [
            "batch.kubernetes.io/controller-uid": workload.uid, "batch.kubernetes.io/job-name": spec.name,
            "controller-uid": workload.uid, "job-name": spec.name,
        ]
        let active = pods.filter { $0.pod.isActive }.count
        let succeeded = pods.filter { $0.pod.phase == "Succeeded" }.count
        let failed = pods.filter { $0.pod.phase == "Failed" }.count
        var status: [(String, JSONValue)] = []
        if let completion = workload.completionTime {
            status.append(("conditions", [
                JSONBuilding.object([
                    ("type", "SuccessCriteriaMet"), ("status", "True"), ("lastProbeTime", .string(KubeTime.rfc3339(completion))),
                    ("lastTransitionTime", .string(KubeTime.rfc3339(completion))), ("reason", "CompletionsReached"), ("message", "Reached expected number of succeeded pods"),
                ]),
                JSONBuilding.object([
                    ("type", "Complete"), ("status", "True"), ("lastProbeTime", .string(KubeTime.rfc3339(completion))),
                    ("lastTransitionTime", .string(KubeTime.rfc3339(completion))), ("reason", "CompletionsReached"), ("message", "Reached expected number of succeeded pods"),
                ]),
            ]))
        }
        status.append(("startTime", .string(KubeTime.rfc3339(workload.created))))
        if let completion = workload.completionTime { status.append(("completionTime", .string(KubeTime.rfc3339(completion)))) }
        if active > 0 { status.append(("active", .int(Int64(active)))) }
        if succeeded > 0 { status.append(("succeeded", .int(Int64(succeeded)))) }
        if failed > 0 { status.append(("failed", .int(Int64(failed)))) }
        status.append(("terminating", 0))
        status.append(("uncountedTerminatedPods", JSONBuilding.emptyObject))
        status.append(("ready", .int(Int64(pods.filter { $0.pod.isActive && $0.pod.isReady }.count))))
        return JSONBuilding.object([
            ("kind", "Job"), ("apiVersion", "batch/v1"),
            ("metadata", metadata(name: spec.name, labels: labels, uid: workload.uid, created: workload.created)),
            ("spec", JSONBuilding.object([
                ("parallelism", 1), ("completions", 1), ("backoffLimit", 6),
                ("selector", ["matchLabels": ["batch.kubernetes.io/controller-uid": .string(workload.uid)]]),
                ("manualSelector", false),
                ("template", template(workload.current, labels: labels, restartPolicy: .never)),
                ("completionMode", "NonIndexed"), ("suspend", false), ("podReplacementPolicy", "TerminatingOrFailed"),
            ])),
            ("status", JSONBuilding.object(status)),
        ])
    }
}
