/// How to secure the connection. PEM bytes are already decoded (kubeconfig `*-data` fields are base64 of PEM).
public struct TLSSettings: Sendable {
    /// PEM of the CA bundle; `nil` means the system roots.
    public var certificateAuthorityPEM: [UInt8]?
    /// Skip server verification. Only allowed without a CA, as in client-go.
    public var insecureSkipTLSVerify: Bool
    /// Name to send as SNI and to verify the server certificate against, instead of the server URL's host.
    public var serverName: String?
    /// PEM of the client certificate chain, for mutual TLS.
    public var clientCertificatePEM: [UInt8]?
    /// PEM of the client private key.
    public var clientKeyPEM: [UInt8]?

    public init(
        certificateAuthorityPEM: [UInt8]? = nil, insecureSkipTLSVerify: Bool = false, serverName: String? = nil,
        clientCertificatePEM: [UInt8]? = nil, clientKeyPEM: [UInt8]? = nil
    ) {
        self.certificateAuthorityPEM = certificateAuthorityPEM
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.serverName = serverName
        self.clientCertificatePEM = clientCertificatePEM
        self.clientKeyPEM = clientKeyPEM
    }
}
