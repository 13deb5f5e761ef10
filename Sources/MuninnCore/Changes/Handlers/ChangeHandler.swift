/// One step of a change chain (kwatchman's handlers): `diff`, `log`, `ignoreEvents`, a destination. Built from
/// ``ChangeHandlerSpec`` by the executable's factory.
///
/// ```swift
/// struct Counting: ChangeHandler {
///     let name = "count"
///     func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep { .continue }
/// }
/// ```
public protocol ChangeHandler: Sendable {
    /// For logs and metrics: `diff`, `slack`, `destination ops`.
    var name: String { get }

    /// Handles the change; throwing fails this run of the chain, which is retried from this handler (the ones before
    /// it already succeeded and do not run again). A ``NotifierError`` that is not retryable ends the retries at once.
    func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep
}
