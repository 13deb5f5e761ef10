import KubeAPI
import Testing

@testable import Muninn

/// Every connection whose TLS verification is off by configuration is named: `muninn run` logs each once at
/// start-up, `muninn check-config` lists them. Verified connections are not mentioned.
@Suite struct TLSWarningsTests {
    static func configuration(_ yaml: String) throws -> MuninnConfiguration {
        try MuninnConfiguration.parse(yaml, file: "/nonexistent/muninn.yaml")
    }

    @Test func insecureLogStoresAreNamed() throws {
        let configuration = try Self.configuration(
            """
            destinations:
              es: {type: elasticsearch, url: 'https://es.example.com:9200', insecureSkipVerify: true}
              logs: {type: loki, url: 'https://loki.example.com', insecureSkipVerify: true}
              verified: {type: elasticsearch, url: 'https://es2.example.com:9200'}
            """)
        let lines = TLSWarnings.lines(for: configuration, kube: nil)
        #expect(lines == [
            "TLS verification of destination 'es' is OFF (insecureSkipVerify)",
            "TLS verification of destination 'logs' is OFF (insecureSkipVerify)",
        ])
    }

    @Test func anInsecureKubeconfigIsNamedWithItsOrigin() throws {
        let kube = KubeConfig(server: "https://10.0.0.1:6443", tls: TLSSettings(insecureSkipTLSVerify: true), origin: "kubeconfig /k, context dev")
        #expect(TLSWarnings.lines(for: MuninnConfiguration(), kube: kube) == [
            "TLS verification of the Kubernetes API server is OFF (insecure-skip-tls-verify in kubeconfig /k, context dev)"
        ])
        #expect(TLSWarnings.lines(for: MuninnConfiguration(), kube: KubeConfig(server: "https://10.0.0.1:6443")).isEmpty)
    }

    @Test(arguments: [
        ("postgres://m:pw@db:5432/muninn", true),
        ("postgres://m:pw@db:5432/muninn?sslmode=prefer", true),
        ("postgres://m:pw@db:5432/muninn?sslmode=require", true),
        ("postgres://m:pw@db:5432/muninn?sslmode=require&sslrootcert=/ca.pem", false),
        ("postgres://m:pw@db:5432/muninn?sslmode=verify-ca", false),
        ("postgres://m:pw@db:5432/muninn?sslmode=verify-full", false),
        ("postgres://m:pw@db:5432/muninn?sslmode=disable", false),
    ])
    func postgresWithoutVerificationIsNamed(dsn: String, warned: Bool) throws {
        let configuration = try Self.configuration("store: {dsn: '\(dsn)'}\n")
        let lines = TLSWarnings.lines(for: configuration, kube: nil)
        #expect(lines.count == (warned ? 1 : 0), "\(lines)")
        #expect(lines.allSatisfy { !$0.contains("pw") }, "the password never appears")
    }

    @Test func theDefaultsWarnAboutNothing() {
        #expect(TLSWarnings.lines(for: MuninnConfiguration(), kube: nil).isEmpty)
    }
}
