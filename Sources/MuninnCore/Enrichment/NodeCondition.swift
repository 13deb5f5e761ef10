/// One condition of a node (`Ready`, `MemoryPressure`, …) as enrichment needs it.
public struct NodeCondition: Sendable, Hashable {
    public var type: String
    /// "True", "False" or "Unknown".
    public var status: String
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }

    /// Whether the condition says the node is in trouble: a pressure condition that is True, or Ready that
    /// is not True. Conditions Muninn does not know are ignored, since their polarity is unknown.
    public var isUnhealthy: Bool {
        switch type {
        case "Ready": status != "True"
        case "MemoryPressure", "DiskPressure", "PIDPressure", "NetworkUnavailable": status == "True"
        default: false
        }
    }
}
