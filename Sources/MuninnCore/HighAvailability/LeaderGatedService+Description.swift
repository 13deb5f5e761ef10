import KubeAPI

/// What ServiceLifecycle logs when it starts the service.
extension LeaderGatedService: CustomStringConvertible {
    public var description: String { "LeaderGatedService(lease: \(elector.config.namespace)/\(elector.config.leaseName))" }
}
