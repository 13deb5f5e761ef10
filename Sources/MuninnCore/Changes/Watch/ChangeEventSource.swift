import KubeAPI
import KubeJSON

/// Where the change watch gets its informer events: a reflector per resource and namespace on a real cluster, a
/// scripted sequence in tests.
public struct ChangeEventSource: Sendable {
    /// A list-then-watch of one scope: the initial list, `.synced`, then watch events.
    public typealias Events = any AsyncSequence<InformerEvent<JSONValue>, any Error> & Sendable

    let events: @Sendable (_ watch: ResolvedWatch, _ namespace: String?) -> Events

    public init(_ events: @escaping @Sendable (_ watch: ResolvedWatch, _ namespace: String?) -> Events) {
        self.events = events
    }

    /// A reflector over raw JSON objects for each scope, with the watch's label selector.
    public static func reflectors(_ client: KubeClient) -> ChangeEventSource {
        ChangeEventSource { watch, namespace in
            client.reflector(for: watch.resource, namespace: namespace, labelSelector: watch.labelSelector, as: JSONValue.self)
        }
    }
}
