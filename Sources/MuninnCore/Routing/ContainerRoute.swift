/// One johari-mirror routing rule, `namespace/pod/container=channel`: where the alerts of the
/// containers it matches go. An empty channel means "do not notify" (an explicit mute).
public struct ContainerRoute: Sendable, Equatable {
    public var namespace: WildcardPattern
    public var pod: WildcardPattern
    public var container: WildcardPattern
    /// Passed to the destination as written (`#ops`, `ops` or a channel ID); empty mutes.
    public var channel: String

    public func matches(namespace: String, pod: String, container: String) -> Bool {
        self.namespace.matches(namespace) && self.pod.matches(pod) && self.container.matches(container)
    }
}
