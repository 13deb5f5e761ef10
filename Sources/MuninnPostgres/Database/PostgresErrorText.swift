import PostgresNIO
import _ConnectionPoolModule

/// What went wrong with PostgreSQL, in a sentence. PSQLError's own description is deliberately empty (it
/// might leak data); this one takes only what is safe: the server's message and SQLSTATE, the kind of
/// connection failure. Queries, binds and passwords never appear.
enum PostgresErrorText {
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError { return describe(error) }
        if let error = error as? ConnectionPoolError { return describe(error) }
        if error is CancellationError { return "cancelled" }
        return "\(error)"
    }

    private static func describe(_ error: PSQLError) -> String {
        switch error.code {
        case .server:
            let info = error.serverInfo
            var text = info?[.message] ?? "the server reported an error"
            if let detail = info?[.detail] { text += " (\(detail))" }
            if let state = info?[.sqlState] { text += " [SQLSTATE \(state)]" }
            return text
        case .connectionError:
            return "cannot connect: \(error.underlying.map { "\($0)" } ?? "no details")"
        case .sslUnsupported:
            return "the server does not support TLS, which sslmode requires (use sslmode=disable only on a trusted network)"
        case .failedToAddSSLHandler:
            return "cannot start TLS: \(error.underlying.map { "\($0)" } ?? "no details")"
        case .authMechanismRequiresPassword:
            return "the server asks for a password and the DSN has none"
        case .unsupportedAuthMechanism:
            return "the server asks for an authentication method PostgresNIO does not support (use scram-sha-256 or md5)"
        case .saslError:
            return "SCRAM authentication failed (\(error.underlying.map { "\($0)" } ?? "no details"))"
        case .serverClosedConnection, .uncleanShutdown:
            return "the server closed the connection"
        case .clientClosedConnection, .poolClosed:
            return "the store is closed"
        case .queryCancelled:
            return "cancelled"
        default:
            return "PostgreSQL client error \(error.code)"
        }
    }

    private static func describe(_ error: ConnectionPoolError) -> String {
        switch error {
        case .connectionCreationCircuitBreakerTripped:
            return "no connection to the server could be made for a minute; it is down, unreachable, or refusing Muninn"
        case .poolShutdown:
            return "the store is closed"
        case .requestCancelled:
            return "cancelled"
        default:
            return "\(error)"
        }
    }
}
