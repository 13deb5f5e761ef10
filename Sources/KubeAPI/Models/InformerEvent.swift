/// What a reflector yields.
public enum InformerEvent<Object: Sendable>: Sendable {
    case added(Object)
    case modified(Object)
    /// A deletion seen on the watch (last state), or synthesised by a relist for an object that vanished
    /// while the watch was down (then a placeholder carrying only namespace and name).
    case deleted(Object)
    /// The list that just finished has been fully emitted: the consumer's view matches the server.
    case synced
}
