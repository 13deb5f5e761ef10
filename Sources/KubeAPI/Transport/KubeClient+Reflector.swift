import KubeJSON

extension KubeClient {
    /// A list+watch of `resource` (cluster-wide when `namespace` is nil) that heals itself; see `Reflector`.
    /// - Parameters:
    ///   - listFromWatchCache: see `ReflectorStateMachine.init`; `false` keeps memory bounded on very large clusters.
    ///   - clock: for backoff sleeps; defaults to the client's clock.
    ///   - random: values in [0, 1) for jitter and watch timeouts (injected for tests).
    ///   - onRestart: told, synchronously on the consumer's task, each time the reflector watches again or lists
    ///     again after its watch ended, expired or failed (for a restart counter); it does not change what is yielded.
    ///   - onListPage: told after each page of every list (initial and relists), synchronously on the consumer's task,
    ///     with the pages and objects read so far: for a progress line while a large cluster's list loads.
    public func reflector<Object: KubeObject>(
        for resource: GroupVersionResource, namespace: String? = nil, labelSelector: String? = nil, fieldSelector: String? = nil,
        as type: Object.Type = Object.self, listFromWatchCache: Bool = true, clock: (any Clock<Duration>)? = nil,
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        onRestart: (@Sendable (WatchRestartReason) -> Void)? = nil, onListPage: (@Sendable (ListProgress) -> Void)? = nil
    ) -> Reflector<Object> {
        Reflector(
            client: self, resource: resource, namespace: namespace, labelSelector: labelSelector, fieldSelector: fieldSelector,
            clock: clock ?? self.clock, random: random, listFromWatchCache: listFromWatchCache,
            onRestart: onRestart, onListPage: onListPage)
    }
}
