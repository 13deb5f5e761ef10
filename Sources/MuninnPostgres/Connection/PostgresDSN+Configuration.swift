import Foundation
import MuninnCore
import NIOCore
import NIOSSL
import PostgresNIO

extension PostgresDSN {
    /// The TLS settings `sslMode` asks for, or nil for `disable`; checks that `sslrootcert` is readable.
    func tlsConfiguration() throws(StoreError) -> TLSConfiguration? {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch sslMode {
        case .disable:
            return nil
        case .prefer:
            tls.certificateVerification = .none
        case .require:
            // As libpq: encrypted but unverified, unless a CA file is given, which is then checked.
            tls.certificateVerification = sslRootCertificatePath == nil ? .none : .noHostnameVerification
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        if let path = sslRootCertificatePath {
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw StoreError("sslrootcert \(path) in the PostgreSQL DSN \(self) is not a readable file")
            }
            tls.trustRoots = .file(path)
        }
        return tls
    }

    /// The pool's settings.
    func clientConfiguration(maximumConnections: Int) throws(StoreError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        switch (sslMode, try tlsConfiguration()) {
        case (_, nil): tls = .disable
        case (.prefer, let configuration?): tls = .prefer(configuration)
        case (_, let configuration?): tls = .require(configuration)
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(connectTimeoutSeconds)
        configuration.options.tlsServerName = tlsServerName
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        configuration.options.maximumConnections = maximumConnections
        return configuration
    }

    /// The settings of a single connection (opening, migrations).
    func connectionConfiguration() throws(StoreError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch (sslMode, try tlsConfiguration()) {
            case (_, nil): tls = .disable
            case (.prefer, let configuration?): tls = .prefer(try NIOSSLContext(configuration: configuration))
            case (_, let configuration?): tls = .require(try NIOSSLContext(configuration: configuration))
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("cannot set up TLS for the PostgreSQL DSN \(self): \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(Int64(connectTimeoutSeconds))
        configuration.options.tlsServerName = tlsServerName
        configuration.options.additionalStartupParameters = [("application_name", applicationName)]
        return configuration
    }

    /// The name the certificate must carry; none for an IP address (SNI does not take one).
    private var tlsServerName: String? {
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        return isAddress ? nil : host
    }
}
