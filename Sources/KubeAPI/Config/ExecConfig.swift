import KubeJSON

/// A kubeconfig `user.exec` credential plugin (client.authentication.k8s.io/v1 or v1beta1).
public struct ExecConfig: Sendable {
    public var apiVersion: String
    /// Absolute path, or a bare name looked up in PATH. Relative paths are resolved against the kubeconfig's directory.
    public var command: String
    public var args: [String]
    public var env: [(name: String, value: String)]
    public var installHint: String?
    /// When set, `KUBERNETES_EXEC_INFO` carries the cluster (server, CA, …).
    public var clusterInfo: JSONValue?

    public init(apiVersion: String, command: String, args: [String] = [], env: [(name: String, value: String)] = [], installHint: String? = nil, clusterInfo: JSONValue? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.installHint = installHint
        self.clusterInfo = clusterInfo
    }
}
