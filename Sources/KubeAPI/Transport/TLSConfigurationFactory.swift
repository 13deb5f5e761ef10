import Logging
import NIOSSL

/// Builds the NIOSSL client configuration for a `KubeConfig`.
enum TLSConfigurationFactory {
    static func make(_ settings: TLSSettings, origin: String, logger: Logger) throws -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca = settings.certificateAuthorityPEM {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(ca))
            } catch {
                throw KubeAPIError.configuration(file: nil, field: "certificate-authority", message: "\(origin): not a valid PEM certificate bundle")
            }
        }
        if settings.insecureSkipTLSVerify {
            if settings.certificateAuthorityPEM != nil {
                throw KubeAPIError.configuration(file: nil, field: "insecure-skip-tls-verify", message: "\(origin): specifying a root certificates file with the insecure flag is not allowed")
            }
            InsecureTLSWarning.warnOnce(origin: origin, logger: logger)
            tls.certificateVerification = .none
        }
        if let certificatePEM = settings.clientCertificatePEM, let keyPEM = settings.clientKeyPEM {
            do {
                tls.certificateChain = try NIOSSLCertificate.fromPEMBytes(certificatePEM).map { .certificate($0) }
            } catch {
                throw KubeAPIError.configuration(file: nil, field: "client-certificate", message: "\(origin): not a valid PEM certificate")
            }
            do {
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM, format: .pem))
            } catch {
                throw KubeAPIError.configuration(file: nil, field: "client-key", message: "\(origin): not a valid PEM private key")
            }
        }
        return tls
    }
}
