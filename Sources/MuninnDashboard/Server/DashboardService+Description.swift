/// What ServiceLifecycle logs when it starts the service: where it listens and how it authenticates, no secret.
extension DashboardService: CustomStringConvertible {
    public var description: String { "DashboardService(\(host):\(port), auth: \(auth))" }
}
