import NIOSSL

/// TLS settings of an HTTPS destination beyond the system trust store: a private CA, or no verification at all.
public struct TLSOptions: Sendable, Equatable {
    /// PEM certificates to trust instead of the system's roots (a cluster-internal CA).
    public var certificateAuthorityPEM: [UInt8]?
    /// Skips certificate verification. For trials only: anyone on the path can read and change what is sent.
    public var insecureSkipVerify: Bool

    public init(certificateAuthorityPEM: [UInt8]? = nil, insecureSkipVerify: Bool = false) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipVerify = insecureSkipVerify
    }

    /// Whether the defaults (system roots, full verification) are changed at all.
    public var isCustomised: Bool { certificateAuthorityPEM != nil || insecureSkipVerify }

    /// The client configuration for these options; nil when the HTTP client's default will do.
    /// - Throws: ``TLSOptionsError`` for a CA that is not PEM, or a CA together with `insecureSkipVerify`.
    public func makeConfiguration() throws(TLSOptionsError) -> TLSConfiguration? {
        guard isCustomised else { return nil }
        var tls = TLSConfiguration.makeClientConfiguration()
        if let pem = certificateAuthorityPEM {
            if insecureSkipVerify { throw TLSOptionsError(message: "a CA certificate together with insecureSkipVerify makes no sense: choose one") }
            let certificates: [NIOSSLCertificate]
            do {
                certificates = try NIOSSLCertificate.fromPEMBytes(pem)
            } catch {
                throw TLSOptionsError(message: "the CA file is not a PEM certificate bundle")
            }
            guard !certificates.isEmpty else { throw TLSOptionsError(message: "the CA file holds no PEM certificate") }
            tls.trustRoots = .certificates(certificates)
        }
        if insecureSkipVerify { tls.certificateVerification = .none }
        return tls
    }
}
