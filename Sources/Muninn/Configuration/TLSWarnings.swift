import KubeAPI
import MuninnPostgres

/// The connections a configuration leaves unverified on purpose: `muninn run` logs each once at start-up and
/// `muninn check-config` lists them, so switching verification off is never silent.
enum TLSWarnings {
    static func lines(for configuration: MuninnConfiguration, kube: KubeConfig?) -> [String] {
        var lines: [String] = []
        if let kube, kube.tls.insecureSkipTLSVerify {
            lines.append("TLS verification of the Kubernetes API server is OFF (insecure-skip-tls-verify in \(kube.origin))")
        }
        for destination in configuration.destinations {
            let insecure: Bool
            switch destination.settings {
            case .elasticsearch(let settings): insecure = settings.tls.insecureSkipVerify
            case .loki(let settings): insecure = settings.tls.insecureSkipVerify
            case .webhook(let settings): insecure = settings.tls.insecureSkipVerify
            case .chat(.mattermost(let settings)): insecure = settings.tls.insecureSkipVerify
            case .chat(.telegram(let settings)): insecure = settings.tls.insecureSkipVerify
            case .slackWebhook(let settings): insecure = settings.tls.insecureSkipVerify
            default: insecure = false
            }
            if insecure { lines.append("TLS verification of destination '\(destination.name)' is OFF (insecureSkipVerify)") }
        }
        if let dsn = configuration.store.postgresDSN, let parsed = try? PostgresDSN(parsing: dsn.value) {
            switch parsed.sslMode {
            case .prefer, .require where parsed.sslRootCertificatePath == nil:
                lines.append("the PostgreSQL server's certificate is not verified (sslmode=\(parsed.sslMode.rawValue)); sslmode=verify-full verifies it")
            default:
                break
            }
        }
        return lines
    }
}
