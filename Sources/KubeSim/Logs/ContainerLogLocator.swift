import KubeJSON

/// Decides which container instance a `pods/log` request reads, with the exact apiserver
/// (pkg/registry/core/pod/strategy.go) and kubelet (kubelet_pods.go `validateContainerLogStatus`)
/// error messages (PROTOCOL.md §9.3).
enum ContainerLogLocator {
    /// All container names in VisitContainers order: init, regular, ephemeral.
    static func containerNames(_ pod: JSONValue) -> [String] {
        ["initContainers", "containers", "ephemeralContainers"].flatMap { kind in
            pod[path: ["spec", kind]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        }
    }

    static func container(in pod: JSONValue, podName: String, requested: String?) throws(APIStatus) -> String {
        if let requested {
            guard containerNames(pod).contains(requested) else {
                throw APIStatus.badRequest("container \(requested) is not valid for pod \(podName)")
            }
            return requested
        }
        let regular = pod[path: ["spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        switch regular.count {
        case 1: return regular[0]
        case 0: throw APIStatus.badRequest("a container name must be specified for pod \(podName)")
        default:
            throw APIStatus.badRequest(
                "a container name must be specified for pod \(podName), choose one of: [\(containerNames(pod).joined(separator: " "))]")
        }
    }

    static func status(of container: String, in pod: JSONValue) -> JSONValue? {
        for kind in ["containerStatuses", "initContainerStatuses", "ephemeralContainerStatuses"] {
            if let found = pod[path: ["status", kind]]?.arrayValue?.first(where: { $0["name"]?.stringValue == container }) {
                return found
            }
        }
        return nil
    }

    static func containerID(in pod: JSONValue, podName: String, container: String, previous: Bool) throws(APIStatus) -> String {
        guard let status = status(of: container, in: pod) else {
            throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is not available")
        }
        let lastTerminated = status[path: ["lastState", "terminated"]]
        let lastID = lastTerminated?["containerID"]?.stringValue ?? ""
        let waiting = status[path: ["state", "waiting"]]
        let running = status[path: ["state", "running"]]
        let terminated = status[path: ["state", "terminated"]]
        if previous {
            guard lastTerminated != nil, !lastID.isEmpty else {
                throw APIStatus.badRequest("previous terminated container \"\(container)\" in pod \"\(podName)\" not found")
            }
            return lastID
        }
        if running != nil {
            return status["containerID"]?.stringValue ?? ""
        }
        if let terminated {
            let id = terminated["containerID"]?.stringValue ?? ""
            if !id.isEmpty { return id }
            if !lastID.isEmpty { return lastID }
            throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is terminated")
        }
        if lastTerminated != nil {
            guard !lastID.isEmpty else {
                throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is terminated")
            }
            return lastID
        }
        if let waiting {
            let reason = waiting["reason"]?.stringValue ?? ""
            switch reason {
            case "ErrImagePull":
                throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start: image can't be pulled")
            case "ImagePullBackOff":
                throw APIStatus.badRequest(
                    "container \"\(container)\" in pod \"\(podName)\" is waiting to start: trying and failing to pull image")
            default:
                throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start: \(reason)")
            }
        }
        throw APIStatus.badRequest("container \"\(container)\" in pod \"\(podName)\" is waiting to start - no logs yet")
    }

    /// Whether the instance is still running (a follow ends when it is not).
    static func isRunning(containerID: String, container: String, in pod: JSONValue) -> Bool {
        guard let status = status(of: container, in: pod), status[path: ["state", "running"]] != nil else { return false }
        return status["containerID"]?.stringValue == containerID
    }
}
