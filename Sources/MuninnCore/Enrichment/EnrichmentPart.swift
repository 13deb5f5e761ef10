/// One finished read of an enrichment, as it comes out of the task group.
enum EnrichmentPart: Sendable {
    case logs(LogResult)
    case events([String])
    case workload(Alert.Workload?)
    case node([String])
}
