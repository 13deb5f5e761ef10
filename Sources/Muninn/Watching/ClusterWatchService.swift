import Foundation
import KubeAPI
import KubeJSON
import Logging
import MuninnCore
import ServiceLifecycle

/// Connects to a cluster and follows its pods, one reflector per watched namespace (or one for
/// the whole cluster). When `ready` is given it waits for it first: in the demo the simulator's
/// port, and so the kubeconfig, exist only once the simulator listens.
struct ClusterWatchService: Service {
    var ready: AsyncStream<Void>?
    var kubeconfigPath: String?
    var context: String?
    var namespaces: [String]
    var labelSelector: String?
    var fieldSelector: String?
    var reportInitialState: Bool
    var output: @Sendable (String) -> Void
    var logger: Logger

    func run() async throws {
        if let ready {
            var iterator = ready.makeAsyncIterator()
            guard await iterator.next() != nil else { return }
        }
        let config = try KubeConfig.load(kubeconfigPath: kubeconfigPath, context: context)
        logger.info("connecting", metadata: ["server": "\(config.server)", "origin": "\(config.origin)"])
        try await KubeClient.withKubeClient(config: config, logger: logger) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for namespace in namespaces.isEmpty ? [nil] : namespaces.map(Optional.some) {
                    let events = client.reflector(
                        for: .pods, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector, as: Pod.self)
                    // The demo reports what its scenario broke before the first list; a real cluster's
                    // existing crashes are a baseline, not a flood.
                    let detector = CrashDetector(configuration: .init(notReadyThreshold: nil, reportExistingOnStart: reportInitialState))
                    let watch = PodWatchService(
                        events: events, reportInitialState: reportInitialState, detector: detector, output: output, logger: logger)
                    group.addTask { try await watch.run() }
                }
                try await group.waitForAll()
            }
        }
    }
}
