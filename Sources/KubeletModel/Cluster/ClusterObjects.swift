import Foundation
import KubeJSON

/// Namespaces and Nodes as the apiserver returns them.
enum ClusterObjects {
    static func namespace(_ name: String, uid: String, created: Date) -> JSONValue {
        JSONBuilding.object([
            ("kind", "Namespace"), ("apiVersion", "v1"),
            ("metadata", JSONBuilding.object([
                ("name", .string(name)), ("uid", .string(uid)), ("creationTimestamp", .string(KubeTime.rfc3339(created))),
                ("labels", JSONBuilding.sortedMap(["kubernetes.io/metadata.name": name])),
            ])),
            ("spec", ["finalizers": ["kubernetes"]]),
            ("status", ["phase": "Active"]),
        ])
    }

    /// A node's heartbeat Lease (`kube-node-lease/<node>`), owned by the Node.
    static func nodeLease(_ node: String, nodeUID: String, uid: String, created: Date, renewed: Date) -> JSONValue {
        JSONBuilding.object([
            ("kind", "Lease"), ("apiVersion", "coordination.k8s.io/v1"),
            ("metadata", JSONBuilding.object([
                ("name", .string(node)), ("namespace", "kube-node-lease"), ("uid", .string(uid)),
                ("creationTimestamp", .string(KubeTime.rfc3339(created))),
                ("ownerReferences", [["apiVersion": "v1", "kind": "Node", "name": .string(node), "uid": .string(nodeUID)]]),
            ])),
            ("spec", JSONBuilding.object([
                ("holderIdentity", .string(node)), ("leaseDurationSeconds", 40), ("renewTime", .string(KubeTime.micro(renewed))),
            ])),
        ])
    }

    static func node(_ name: String, uid: String, internalIP: String, podCIDR: String, created: Date, heartbeat: Date) -> JSONValue {
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            JSONBuilding.object([
                ("type", .string(type)), ("status", .string(status)),
                ("lastHeartbeatTime", .string(KubeTime.rfc3339(heartbeat))), ("lastTransitionTime", .string(KubeTime.rfc3339(created))),
                ("reason", .string(reason)), ("message", .string(message)),
            ])
        }
        let capacity = JSONBuilding.sortedMap(["cpu": "8", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": "32863356Ki", "pods": "110"])
        return JSONBuilding.object([
            ("kind", "Node"), ("apiVersion", "v1"),
            ("metadata", JSONBuilding.object([
                ("name", .string(name)), ("uid", .string(uid)), ("creationTimestamp", .string(KubeTime.rfc3339(created))),
                ("labels", JSONBuilding.sortedMap([
                    "beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                    "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
                ])),
                ("annotations", JSONBuilding.sortedMap([
                    "kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                    "node.alpha.kubernetes.io/ttl": "0",
                    "volumes.kubernetes.io/controller-managed-attach-detach": "true",
                ])),
            ])),
            ("spec", JSONBuilding.object([
                ("podCIDR", .string(podCIDR)), ("podCIDRs", [.string(podCIDR)]), ("providerID", .string("kind://docker/kind/\(name)")),
            ])),
            ("status", JSONBuilding.object([
                ("capacity", capacity), ("allocatable", capacity),
                ("conditions", [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ]),
                ("addresses", [["type": "InternalIP", "address": .string(internalIP)], ["type": "Hostname", "address": .string(name)]]),
                ("daemonEndpoints", ["kubeletEndpoint": ["Port": 10250]]),
                ("nodeInfo", JSONBuilding.object([
                    ("machineID", .string(Hex.digest(of: name).prefix(32).description)), ("systemUUID", .string(uid)),
                    ("bootID", .string(uid)), ("kernelVersion", "6.8.0-49-generic"), ("osImage", "Debian GNU/Linux 12 (bookworm)"),
                    ("containerRuntimeVersion", "containerd://2.1.1"), ("kubeletVersion", "v1.33.1"),
                    ("kubeProxyVersion", ""), ("operatingSystem", "linux"), ("architecture", "amd64"),
                ])),
            ])),
        ])
    }
}
