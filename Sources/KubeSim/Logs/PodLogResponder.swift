import Foundation
import Hummingbird
import KubeJSON
import NIOCore

/// `GET …/pods/<name>/log` (PROTOCOL.md §9): picks the container instance from the pod status
/// like the kubelet, applies tail/since/limit/timestamps, and follows until the instance stops.
struct PodLogResponder: Sendable {
    let simulator: Simulator

    func respond(path: APIRoute.ResourcePath, query: QueryParameters, context: SimRequestContext) throws(APIStatus) -> Response {
        guard let podName = path.name, let pods = simulator.definition(for: .pods) else { return HTTPReply.pageNotFound }
        let options = try PodLogOptions(query: query)
        let stored = try simulator.getObject(pods, namespace: path.namespace, name: podName)
        guard let pod = try? stored.parsed() else { throw APIStatus.internalError("stored pod is not valid JSON") }
        let container = try ContainerLogLocator.container(in: pod, podName: podName, requested: options.container)
        if (pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty { return HTTPReply.text([]) }
        let containerID = try ContainerLogLocator.containerID(
            in: pod, podName: podName, container: container, previous: options.previous)
        let now = simulator.configuration.now()
        let limit = options.limitBytes.map { Int(clamping: $0) }
        let following = options.follow && !options.previous
            && ContainerLogLocator.isRunning(containerID: containerID, container: container, in: pod)
        guard following else {
            var bytes = options.render(simulator.logs.lines(containerID: containerID), now: now)
            if let limit, bytes.count > limit { bytes.removeLast(bytes.count - limit) }
            return HTTPReply.text(bytes)
        }
        let logs = simulator.logs
        let store = simulator.store
        let follow = logs.follow(containerID: containerID)
        context.channel.closeFuture.whenComplete { _ in logs.endFollower(follow.id) }
        let namespace = path.namespace ?? "default"
        let body = ResponseBody { writer in
            defer { logs.endFollower(follow.id) }
            var remaining = limit ?? Int.max
            func send(_ bytes: [UInt8]) async throws {
                let part = bytes.prefix(remaining)
                remaining -= part.count
                if !part.isEmpty { try await writer.write(ByteBuffer(bytes: part)) }
            }
            try await send(options.render(follow.lines, now: now))
            guard remaining > 0 else {
                try await writer.finish(nil)
                return
            }
            let podWatch = store.watch(
                pods.storageKey, namespace: namespace, labelSelector: .everything,
                fieldSelector: FieldSelector(terms: [.init(label: "metadata.name", value: podName, negated: false)]),
                from: store.currentResourceVersion)
            await withTaskGroup(of: Void.self) { group in
                if case .opened(let opened) = podWatch {
                    group.addTask {
                        defer { store.removeWatcher(opened.storage, id: opened.id) }
                        for await signal in opened.stream {
                            guard case .event(let type, let object) = signal else { continue }
                            let stillRunning = type != .deleted && (try? object.parsed()).map {
                                ContainerLogLocator.isRunning(containerID: containerID, container: container, in: $0)
                            } ?? false
                            if !stillRunning {
                                logs.endFollower(follow.id)
                                return
                            }
                        }
                    }
                }
                defer { group.cancelAll() }
                do {
                    for await signal in follow.stream {
                        guard case .line(let line) = signal, remaining > 0 else { break }
                        try await send(options.format(line))
                        if remaining <= 0 { break }
                    }
                } catch {
                    // The client went away; the response cannot change any more.
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: HTTPReply.headers(contentType: "text/plain"), body: body)
    }
}
