import KubeAPI

/// One condition of a node (`Ready`, `MemoryPressure`, …): the client's model, as enrichment reads it.
public typealias NodeCondition = Node.Condition

extension Node.Condition {
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
