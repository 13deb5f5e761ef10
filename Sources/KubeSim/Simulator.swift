import Foundation
import KubeJSON
import KubeletModel
import Logging
import Synchronization

/// A running (or ready to run) kube-apiserver simulator: the object store, logs, discovery,
/// auth and fault injection behind one HTTP(S) endpoint.
///
/// Start one with `withSimulator(_:_:)` in tests or `SimulatorService` in a service group; both
/// hand out this object once the port is bound.
///
/// ```swift
/// try await withSimulator(SimulatorConfiguration(tls: true, auth: .token("t"))) { sim in
///     try sim.create(.pods, namespace: "default", podJSON)
///     try sim.writeKubeconfig(to: "/tmp/kubeconfig")
/// }
/// ```
public final class Simulator: Sendable {
    public let configuration: SimulatorConfiguration
    let store: ObjectStore
    let logs: LogStore
    let faults: FaultInjector
    let registryBox: Mutex<ResourceRegistry>
    let accessRules: AccessRules
    let tlsMaterial: TLSMaterial?
    private let boundAddress = Mutex<(host: String, port: Int)?>(nil)
    /// The requests received, in order (method, path, query, headers), for tests to inspect.
    public let recorder: RequestRecorder

    /// Creates the simulator's state (and its TLS material when `configuration.tls` is set).
    /// Namespaces `default`, `kube-system`, `kube-public` and `kube-node-lease` exist from the start.
    /// Throws for an impossible configuration (client-certificate auth without TLS) or when the
    /// TLS material cannot be generated.
    public init(configuration: SimulatorConfiguration = SimulatorConfiguration()) throws {
        if configuration.auth == .clientCertificate, !configuration.tls {
            throw SimulatorError(code: 400, reason: "BadRequest", message: "client-certificate authentication needs tls: true")
        }
        self.configuration = configuration
        store = ObjectStore(
            historyWindow: configuration.watchHistoryWindow, watchBufferSize: configuration.watchBufferSize,
            continueTokenLifetime: configuration.continueTokenLifetime, now: configuration.now)
        logs = LogStore(now: configuration.now)
        faults = FaultInjector()
        registryBox = Mutex(ResourceRegistry())
        accessRules = AccessRules()
        recorder = RequestRecorder()
        tlsMaterial = try configuration.tls ? TLSMaterial.generate(now: configuration.now()) : nil
        for namespace in ["default", "kube-node-lease", "kube-public", "kube-system"] {
            let object: JSONValue = [
                "metadata": ["name": .string(namespace), "labels": ["kubernetes.io/metadata.name": .string(namespace)]],
                "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"],
            ]
            if let namespaces = definition(for: .namespaces) {
                _ = try? createObject(namespaces, namespace: nil, object: object, checkNamespace: false)
            }
        }
    }

    var registry: ResourceRegistry { registryBox.withLock { $0 } }

    func definition(for gvr: GroupVersionResource) -> ResourceDefinition? {
        registryBox.withLock { $0.definition(for: gvr) }
    }

    /// `http(s)://127.0.0.1:<port>` once the server is listening (the configured port before).
    public var baseURL: URL {
        let address = boundAddress.withLock { $0 } ?? (host: configuration.host, port: configuration.port)
        let host = address.host.contains(":") ? "[\(address.host)]" : address.host
        let scheme = configuration.tls ? "https" : "http"
        // Only a host that is not a valid URL host (a configuration error) takes the fallback.
        return URL(string: "\(scheme)://\(host):\(address.port)") ?? URL(fileURLWithPath: "/invalid-simulator-host")
    }

    /// The port actually bound (useful with port 0), or nil before the server runs.
    public var boundPort: Int? { boundAddress.withLock { $0?.port } }

    func markRunning(host: String, port: Int) {
        boundAddress.withLock { $0 = (host, port) }
    }

    /// The newest resourceVersion handed out by the store.
    public var currentResourceVersion: String { String(store.currentResourceVersion) }

    /// PEM of the simulator's CA certificate (nil for plain HTTP).
    public var certificateAuthorityPEM: String? { tlsMaterial?.caCertificatePEM }

    /// Ends every open watch and log stream cleanly, as an apiserver shutdown does.
    func endAllStreams() {
        store.forEachWatch { $0.close = true }
        logs.endAllFollowers()
    }
}
