import Foundation

/// Everything needed to reach one API server: where, how to trust it, and who we are.
/// Built from a kubeconfig chain or the in-cluster service account by `KubeConfig.load`.
public struct KubeConfig: Sendable, CustomStringConvertible {
    /// Base URL such as `https://10.0.0.1:6443` (may carry a path prefix, e.g. behind Rancher).
    public var server: String
    /// The context's namespace, else `default`.
    public var namespace: String
    public var tls: TLSSettings
    public var credentials: Credentials
    /// kubeconfig `proxy-url`: `http://host:port` (CONNECT) or `socks5://host:port`.
    public var proxyURL: String?
    /// Where this came from, for messages: `kubeconfig /home/u/.kube/config, context kind-dev` or `in-cluster`.
    public var origin: String

    public init(server: String, namespace: String = "default", tls: TLSSettings = TLSSettings(), credentials: Credentials = .none, proxyURL: String? = nil, origin: String = "explicit") {
        self.server = server
        self.namespace = namespace
        self.tls = tls
        self.credentials = credentials
        self.proxyURL = proxyURL
        self.origin = origin
    }

    /// Loads the configuration the way kubectl does: `kubeconfigPath` (`--kubeconfig`) if given, else the files
    /// in `KUBECONFIG` merged in order, else `~/.kube/config`, else the in-cluster service account.
    /// - Parameters:
    ///   - context: overrides `current-context` (`--context`).
    ///   - environment: the process environment (injected for tests).
    public static func load(
        kubeconfigPath: String? = nil, context: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KubeConfig {
        if let kubeconfigPath {
            return try KubeconfigLoader(files: [kubeconfigPath], requireAll: true).resolve(context: context)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let files = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            return try KubeconfigLoader(files: files, requireAll: false).resolve(context: context)
        }
        if let home = environment["HOME"], !home.isEmpty {
            let path = (home as NSString).appendingPathComponent(".kube/config")
            if FileManager.default.fileExists(atPath: path) {
                return try KubeconfigLoader(files: [path], requireAll: true).resolve(context: context)
            }
        }
        if environment["KUBERNETES_SERVICE_HOST"] != nil {
            return try inCluster(environment: environment)
        }
        throw KubeAPIError.configuration(
            file: nil, field: nil,
            message: "no kubeconfig found (no --kubeconfig, KUBECONFIG unset, no ~/.kube/config) and not running in a cluster (KUBERNETES_SERVICE_HOST unset)"
        )
    }

    public var description: String { "KubeConfig(server: \(server), namespace: \(namespace), credentials: \(credentials), \(origin))" }
}
