/// How the connection to PostgreSQL uses TLS: libpq's `sslmode` values, with libpq's meaning.
public enum PostgresSSLMode: String, Sendable, CaseIterable {
    /// Plain TCP, never TLS.
    case disable
    /// TLS when the server offers it, without checking its certificate (libpq's default).
    case prefer
    /// TLS or no connection; the certificate is checked only when `sslrootcert` names a CA.
    case require
    /// TLS, with a certificate signed by a trusted CA (`sslrootcert`, or the system's roots), any host name.
    case verifyCA = "verify-ca"
    /// TLS, with a trusted certificate issued for the host in the DSN: the only mode safe against a
    /// machine in the middle.
    case verifyFull = "verify-full"
}
