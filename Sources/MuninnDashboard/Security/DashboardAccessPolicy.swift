/// The rule that keeps the dashboard private by default: it may listen without authentication only on a
/// loopback address. A pure function so the rule is tested without binding a public address.
public enum DashboardAccessPolicy {
    /// Whether `host` only accepts connections from this machine (`127.0.0.0/8`, `::1`, `localhost`).
    public static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" || bare == "0:0:0:0:0:0:0:1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Nil when listening on `host` with `auth` is allowed; otherwise why not.
    public static func refusal(host: String, auth: DashboardAuth) -> String? {
        guard auth == .none, !isLoopback(host) else { return nil }
        return "\(host) is not a loopback address; configure dashboard.auth (bearerTokenFile, or basicAuth with username and passwordFile) or listen on 127.0.0.1"
    }
}
