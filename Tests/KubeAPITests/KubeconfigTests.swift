import Foundation
import KubeJSON
import Testing

@testable import KubeAPI

@Suite struct KubeconfigTests {
    static let pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    static var pemBase64: String { Data(pem.utf8).base64EncodedString() }

    static func config(server: String = "https://10.0.0.1:6443", user: String, cluster: String = "", contextExtra: String = "") -> String {
        """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev
          cluster:
            server: \(server)
        \(cluster)
        users:
        - name: dev
          user:
        \(user)
        contexts:
        - name: dev
          context:
            cluster: dev
            user: dev
        \(contextExtra)
        """
    }

    static func configurationError(_ body: () throws -> Void) -> (file: String?, field: String?, message: String)? {
        do {
            try body()
        } catch KubeAPIError.configuration(let file, let field, let message) {
            return (file, field, message)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }

    @Test func bearerTokenAndNamespace() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("config", Self.config(user: "    token: abc123", contextExtra: "    namespace: team-a"))
        let config = try KubeConfig.load(kubeconfigPath: path, environment: [:])
        #expect(config.server == "https://10.0.0.1:6443")
        #expect(config.namespace == "team-a")
        guard case .token("abc123") = config.credentials else {
            Issue.record("expected token, got \(config.credentials)")
            return
        }
        #expect(!config.description.contains("abc123"))
        #expect(!"\(config.credentials)".contains("abc123"))
    }

    @Test func tokenFileAndCertificateFilesAreRelativeToTheKubeconfig() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("sub/ca.crt", Self.pem)
        try dir.write("sub/client.crt", Self.pem)
        try dir.write("sub/client.key", "-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----\n")
        let path = try dir.write(
            "sub/config",
            Self.config(
                user: "    tokenFile: token\n    client-certificate: client.crt\n    client-key: client.key",
                cluster: "    certificate-authority: ca.crt\n    tls-server-name: api.internal\n    proxy-url: socks5://proxy.corp:1080"))
        let config = try KubeConfig.load(kubeconfigPath: path, environment: [:])
        guard case .tokenFile(let tokenPath) = config.credentials else {
            Issue.record("expected tokenFile")
            return
        }
        #expect(tokenPath == dir.file("sub/token"))
        #expect(config.tls.certificateAuthorityPEM == Array(Self.pem.utf8))
        #expect(config.tls.clientCertificatePEM == Array(Self.pem.utf8))
        #expect(config.tls.clientKeyPEM != nil)
        #expect(config.tls.serverName == "api.internal")
        #expect(config.proxyURL == "socks5://proxy.corp:1080")
        #expect(config.namespace == "default")
    }

    @Test func inlineCertificateData() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write(
            "config",
            Self.config(
                user: "    client-certificate-data: \(Self.pemBase64)\n    client-key-data: \(Self.pemBase64)",
                cluster: "    certificate-authority-data: \(Self.pemBase64)"))
        let config = try KubeConfig.load(kubeconfigPath: path, environment: [:])
        #expect(config.tls.certificateAuthorityPEM == Array(Self.pem.utf8))
        #expect(config.tls.clientCertificatePEM == Array(Self.pem.utf8))
        #expect(config.tls.clientKeyPEM == Array(Self.pem.utf8))
    }

    @Test func execPluginConfigResolvesRelativeCommand() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write(
            "config",
            Self.config(
                user: """
                        exec:
                          apiVersion: client.authentication.k8s.io/v1
                          command: ./bin/plugin
                          args: ["--x"]
                          env:
                          - name: FOO
                            value: bar
                          interactiveMode: Never
                          provideClusterInfo: true
                    """))
        let config = try KubeConfig.load(kubeconfigPath: path, environment: [:])
        guard case .exec(let exec) = config.credentials else {
            Issue.record("expected exec")
            return
        }
        #expect(exec.command == dir.file("bin/plugin"))
        #expect(exec.args == ["--x"])
        #expect(exec.env.first?.name == "FOO")
        #expect(exec.clusterInfo?["server"]?.stringValue == "https://10.0.0.1:6443")
    }

    @Test func kubeconfigEnvironmentMergesFilesInOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let first = try dir.write(
            "a",
            """
            clusters:
            - name: shared
              cluster: {server: "https://first:6443"}
            users:
            - name: u1
              user: {token: one}
            contexts:
            - name: ctx-a
              context: {cluster: shared, user: u1, namespace: a}
            """)
        let second = try dir.write(
            "b",
            """
            current-context: ctx-b
            clusters:
            - name: shared
              cluster: {server: "https://second:6443"}
            - name: other
              cluster: {server: "https://other:6443"}
            users:
            - name: u1
              user: {token: ignored}
            contexts:
            - name: ctx-b
              context: {cluster: other, user: u1}
            - name: ctx-a
              context: {cluster: other, user: u1, namespace: ignored}
            """)
        let env = ["KUBECONFIG": "\(first):\(dir.file("missing")):\(second)"]
        // current-context comes from the first file that sets it (the second here).
        let byDefault = try KubeConfig.load(environment: env)
        #expect(byDefault.server == "https://other:6443")
        guard case .token("one") = byDefault.credentials else {
            Issue.record("first file's user must win")
            return
        }
        // --context override; ctx-a and cluster "shared" come from the first file that defines them.
        let overridden = try KubeConfig.load(context: "ctx-a", environment: env)
        #expect(overridden.server == "https://first:6443")
        #expect(overridden.namespace == "a")
    }

    @Test func homeKubeconfigThenInCluster() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write(".kube/config", Self.config(user: "    token: t"))
        #expect(try KubeConfig.load(environment: ["HOME": dir.path]).server == "https://10.0.0.1:6443")

        let error = Self.configurationError { _ = try KubeConfig.load(environment: ["HOME": dir.file("nothing-here")]) }
        #expect(error?.message.contains("no kubeconfig found") == true)
    }

    @Test func inClusterConfig() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("sa/token", "tok\n")
        try dir.write("sa/ca.crt", Self.pem)
        try dir.write("sa/namespace", "monitoring")
        let config = try KubeConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"], serviceAccountDirectory: dir.file("sa"))
        #expect(config.server == "https://10.96.0.1:443")
        #expect(config.namespace == "monitoring")
        #expect(config.tls.certificateAuthorityPEM == Array(Self.pem.utf8))
        guard case .tokenFile(let path) = config.credentials else {
            Issue.record("expected tokenFile")
            return
        }
        #expect(path == dir.file("sa/token"))

        let ipv6 = try KubeConfig.inCluster(
            environment: ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443", "POD_NAMESPACE": "ns"], serviceAccountDirectory: dir.file("sa"))
        #expect(ipv6.server == "https://[fd00::1]:443")
        #expect(ipv6.namespace == "ns")

        let missing = Self.configurationError {
            _ = try KubeConfig.inCluster(environment: ["KUBERNETES_SERVICE_HOST": "h", "KUBERNETES_SERVICE_PORT": "1"], serviceAccountDirectory: dir.file("none"))
        }
        #expect(missing?.file == dir.file("none/token"))
    }

    @Test(arguments: [
        (KubeconfigTests.config(user: "    client-certificate-data: '%%%notbase64'\n    client-key-data: \(KubeconfigTests.pemBase64)"), "users[0].user.client-certificate-data", "not valid base64"),
        (KubeconfigTests.config(user: "    client-key-data: \(Data("hello".utf8).base64EncodedString())\n    client-certificate-data: \(KubeconfigTests.pemBase64)"), "users[0].user.client-key-data", "PEM"),
        (KubeconfigTests.config(user: "    client-certificate-data: \(KubeconfigTests.pemBase64)"), "users[0].user.client-key", "both"),
        (KubeconfigTests.config(user: "    token: t", cluster: "    certificate-authority: nowhere.crt"), "clusters[0].cluster.certificate-authority", "cannot read"),
        (KubeconfigTests.config(user: "    token: t", cluster: "    certificate-authority-data: \(KubeconfigTests.pemBase64)\n    insecure-skip-tls-verify: true"), "clusters[0].cluster.insecure-skip-tls-verify", "not allowed"),
        (KubeconfigTests.config(user: "    token: t", cluster: "    proxy-url: ftp://proxy:21"), "clusters[0].cluster.proxy-url", "unsupported proxy URL"),
        (KubeconfigTests.config(server: "", user: "    token: t"), "clusters[0].cluster.server", "missing"),
        (KubeconfigTests.config(server: "ftp://x", user: "    token: t"), "clusters[0].cluster.server", "not an http(s) URL"),
        (KubeconfigTests.config(user: "    exec:\n      command: x"), "users[0].user.exec.apiVersion", "unsupported"),
        (KubeconfigTests.config(user: "    auth-provider:\n      name: gcp"), "users[0].user.auth-provider", "exec credential plugin"),
        (KubeconfigTests.config(user: "    token: t", cluster: "    insecure-skip-tls-verify: maybe"), "clusters[0].cluster.insecure-skip-tls-verify", ""),
        ("current-context: nope\nclusters: []\ncontexts: []\n", "current-context", "context \"nope\" not found"),
        ("clusters: []\n", "current-context", "no current context"),
        ("clusters: [[[\n", nil, "line 2"),
        ("current-context: c\ncontexts:\n- name: c\n  context: {cluster: gone}\n", "contexts[0].context.cluster", "cluster \"gone\" not found"),
    ] as [(String, String?, String)])
    func brokenFilesNameTheFileAndTheField(contents: String, field: String?, message: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("broken-config", contents)
        let error = Self.configurationError { _ = try KubeConfig.load(kubeconfigPath: path, environment: [:]) }
        #expect(error?.file == path)
        if let field { #expect(error?.field == field) }
        #expect(message.isEmpty || error?.message.contains(message) == true, "\(String(describing: error?.message))")
        let description = KubeAPIError.configuration(file: error?.file, field: error?.field, message: error?.message ?? "").description
        #expect(description.hasPrefix("kubeconfig \(path)"))
    }

    @Test func missingExplicitFileIsAnError() {
        let error = Self.configurationError { _ = try KubeConfig.load(kubeconfigPath: "/nonexistent/config", environment: [:]) }
        #expect(error?.file == "/nonexistent/config")
    }
}
