import CoreMetrics

/// What the change watch counts, through swift-metrics (see ``PipelineMetrics``). Labels are actions, outcomes and
/// handler names, never object names.
public struct ChangeWatchMetrics: Sendable {
    let factory: any MetricsFactory

    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// A change the chain finished with (`outcome` `reported`), or gave up on after every attempt (`given_up`).
    func change(_ action: ChangeAction, outcome: String) {
        Counter(label: "muninn_changes_total", dimensions: [("action", action.rawValue), ("outcome", outcome)], factory: factory).increment()
    }

    /// One failed run of a handler.
    func handlerFailure(_ handler: String) {
        Counter(label: "muninn_change_handler_failures_total", dimensions: [("handler", handler)], factory: factory).increment()
    }

    /// Store failures are counted with the pipeline's (`muninn_store_errors_total`).
    var pipeline: PipelineMetrics { PipelineMetrics(factory: factory) }
}
