/// What a change handler tells the chain.
public enum ChainStep: Sendable, Hashable {
    /// Run the next handler.
    case `continue`
    /// Stop here: the change is finished with (kwatchman's `RunNext = false`); it is still recorded.
    case stop
}
