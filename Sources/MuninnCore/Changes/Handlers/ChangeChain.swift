/// The configured handlers, in order.
public struct ChangeChain: Sendable {
    /// How one run of the chain ended.
    enum Run {
        /// Every handler continued, or one stopped the chain.
        case finished
        /// The handler at `index` threw `error`.
        case failed(index: Int, error: any Error)
    }

    public var handlers: [any ChangeHandler]

    public init(_ handlers: [any ChangeHandler]) {
        self.handlers = handlers
    }

    /// Runs the handlers from `start` (a retry resumes at the handler that failed).
    func run(_ change: ManifestChange, context: ChangeContext, from start: Int) async throws -> Run {
        for index in handlers.indices where index >= start {
            let step: ChainStep
            do {
                step = try await handlers[index].handle(change, context: context)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                return .failed(index: index, error: error)
            }
            if step == .stop { return .finished }
        }
        return .finished
    }
}
