import MuninnDashboard

/// `dashboard:`: the web dashboard, JSON API, health and metrics endpoints served by `muninn run`.
struct DashboardSettings: Equatable {
    /// Who may read it; secrets come from files only, so they never sit in the configuration.
    enum Auth: Equatable {
        case none
        case bearerToken(SecretValue)
        case basic(username: String, password: SecretValue)
    }

    var enabled = true
    /// Loopback by default: a dashboard reachable from elsewhere must be configured with `auth`.
    var host = "127.0.0.1"
    var port = 8080
    var auth = Auth.none
    /// Where people reach the dashboard (an Ingress, a port-forward), for links in messages (`{{dashboardURL}}`).
    var externalURL: String?

    /// The form the dashboard module takes.
    var dashboardAuth: DashboardAuth {
        switch auth {
        case .none: .none
        case .bearerToken(let token): .bearerToken(token.value)
        case .basic(let username, let password): .basic(username: username, password: password.value)
        }
    }

    /// For `check-config`: never the secrets.
    var summary: String {
        guard enabled else { return "dashboard: off" }
        let who: String
        switch auth {
        case .none: who = "no authentication (loopback only)"
        case .bearerToken(let token): who = "bearer token \(token.summary)"
        case .basic(let username, let password): who = "basic auth as \(username), password \(password.summary)"
        }
        return "dashboard: http://\(host.contains(":") ? "[\(host)]" : host):\(port)/, \(who)"
    }
}
