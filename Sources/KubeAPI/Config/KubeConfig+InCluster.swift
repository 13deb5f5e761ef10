import Foundation

extension KubeConfig {
    /// The standard service-account directory mounted into every pod.
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// The in-cluster configuration: `KUBERNETES_SERVICE_HOST`/`PORT`, the service account's token (re-read
    /// at most once a minute and after a 401) and CA, namespace from `POD_NAMESPACE` or the namespace file.
    public static func inCluster(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = KubeConfig.serviceAccountDirectory
    ) throws -> KubeConfig {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else {
            throw KubeAPIError.configuration(file: nil, field: "KUBERNETES_SERVICE_HOST", message: "not running in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let tokenPath = (serviceAccountDirectory as NSString).appendingPathComponent("token")
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw KubeAPIError.configuration(file: tokenPath, field: nil, message: "service account token is missing or unreadable")
        }
        let caPath = (serviceAccountDirectory as NSString).appendingPathComponent("ca.crt")
        var tls = TLSSettings()
        if let ca = FileManager.default.contents(atPath: caPath) {
            tls.certificateAuthorityPEM = Array(ca)
        }
        var namespace = environment["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
        if namespace == nil, let data = FileManager.default.contents(atPath: (serviceAccountDirectory as NSString).appendingPathComponent("namespace")) {
            let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            namespace = text.isEmpty ? nil : text
        }
        return KubeConfig(
            server: "https://\(hostPart):\(port)", namespace: namespace ?? "default", tls: tls,
            credentials: .tokenFile(tokenPath), origin: "in-cluster")
    }
}
