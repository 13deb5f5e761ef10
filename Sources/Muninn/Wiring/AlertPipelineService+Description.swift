/// What ServiceLifecycle logs when it starts the service: the cluster and what is watched. The settings and
/// closures it holds are not printed (destinations' credentials live behind them).
extension AlertPipelineService: CustomStringConvertible {
    var description: String {
        let namespaces = settings.namespaces.isEmpty ? "all namespaces" : settings.namespaces.joined(separator: ",")
        return "AlertPipelineService(cluster: \(settings.cluster), \(namespaces))"
    }
}
