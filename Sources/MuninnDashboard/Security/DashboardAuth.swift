/// Who may read the dashboard. The secrets are the values read from the configured files.
public enum DashboardAuth: Sendable, Equatable {
    /// Anyone who can reach the address (allowed on loopback addresses only).
    case none
    /// `Authorization: Bearer <token>`.
    case bearerToken(String)
    /// `Authorization: Basic base64(username:password)`.
    case basic(username: String, password: String)
}
