/// Certificates tests share.
public enum TestCertificates {
    /// A self-signed CA certificate made once with openssl: it signed nothing a test server uses, so a client trusting
    /// only it refuses every test server, and its form is that of any PEM CA file.
    public static let selfSignedCA = """
        -----BEGIN CERTIFICATE-----
        MIIBiTCCAS+gAwIBAgIUZnrsWB6mrxDD0e5dDqIQoYRnsL8wCgYIKoZIzj0EAwIw
        GTEXMBUGA1UEAwwOTXVuaW5uIHRlc3QgQ0EwIBcNMjYxMTIxMTEyNTU0WhgPMjEy
        NjEwMjgxMTI1NTRaMBkxFzAVBgNVBAMMDk11bmlubiB0ZXN0IENBMFkwEwYHKoZI
        zj0CAQYIKoZIzj0DAQcDQgAEZTuddoYOKm+kT6KyQZD+RPsab2xkUEvIQQWM6J0u
        b09td7U8yCWr5ZosCmkK2uMrSTeKdbFm3bVo/JoXbWCr5aNTMFEwHQYDVR0OBBYE
        FB185vtldmZaq8oJ+aZ7drEw7syPMB8GA1UdIwQYMBaAFB185vtldmZaq8oJ+aZ7
        drEw7syPMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIhALS65Eo7
        8CfbUndz65VfciJeW/Rkjc4HyyWvWGVr+X+3AiBDBT3mha6YZDLycWI7eKKMyT86
        tJz8c/vRhJ/BlYlvHw==
        -----END CERTIFICATE-----

        """
}
