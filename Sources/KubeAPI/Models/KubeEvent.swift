/// A core/v1 Event. Also decodes the events.k8s.io/v1 view of the same object (`regarding`, `note`,
/// `deprecated*`, `reportingController`), mapping its fields onto the core/v1 names.
public struct KubeEvent: HasObjectMeta, Hashable {
    public var metadata: ObjectMeta = ObjectMeta()
    public var involvedObject: ObjectReference = ObjectReference()
    public var reason: String?
    public var message: String?
    public var source: Source?
    public var firstTimestamp: KubeTime?
    public var lastTimestamp: KubeTime?
    public var count: Int?
    /// Normal or Warning.
    public var type: String?
    /// `null` for events from legacy recorders.
    public var eventTime: MicroTime?
    public var series: Series?
    public var action: String?
    public var related: ObjectReference?
    public var reportingComponent: String?
    public var reportingInstance: String?

    /// The legacy `source` of an event.
    public struct Source: Codable, Hashable, Sendable {
        public var component: String?
        public var host: String?
    }

    /// Aggregation data of a repeated event.
    public struct Series: Decodable, Hashable, Sendable {
        public var count: Int?
        public var lastObservedTime: MicroTime?

        private enum CodingKeys: String, CodingKey { case count, lastObservedTime }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = container.lenient(.count)
            lastObservedTime = container.lenient(.lastObservedTime)
        }
    }

    public init(placeholderFor key: ObjectKey) {
        metadata = ObjectMeta(placeholderFor: key)
    }

    /// The time the event was last seen, whichever field the recorder filled.
    public var lastSeen: KubeTime? {
        if let observed = series?.lastObservedTime { return KubeTime(observed.date) }
        if let lastTimestamp { return lastTimestamp }
        if let eventTime { return KubeTime(eventTime.date) }
        return firstTimestamp
    }

    private enum CodingKeys: String, CodingKey {
        case metadata, involvedObject, reason, message, source, firstTimestamp, lastTimestamp, count, type
        case eventTime, series, action, related, reportingComponent, reportingInstance
        // events.k8s.io/v1 names of the same fields.
        case regarding, note, deprecatedSource, deprecatedFirstTimestamp, deprecatedLastTimestamp, deprecatedCount
        case reportingController
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metadata = container.lenient(.metadata) ?? ObjectMeta()
        involvedObject = container.lenient(.involvedObject) ?? container.lenient(.regarding) ?? ObjectReference()
        reason = container.lenient(.reason)
        message = container.lenient(.message) ?? container.lenient(.note)
        source = container.lenient(.source) ?? container.lenient(.deprecatedSource)
        firstTimestamp = container.lenient(.firstTimestamp) ?? container.lenient(.deprecatedFirstTimestamp)
        lastTimestamp = container.lenient(.lastTimestamp) ?? container.lenient(.deprecatedLastTimestamp)
        count = container.lenient(.count) ?? container.lenient(.deprecatedCount)
        type = container.lenient(.type)
        eventTime = container.lenient(.eventTime)
        series = container.lenient(.series)
        action = container.lenient(.action)
        related = container.lenient(.related)
        reportingComponent = container.lenient(.reportingComponent) ?? container.lenient(.reportingController)
        reportingInstance = container.lenient(.reportingInstance)
    }
}
