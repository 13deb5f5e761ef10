import Foundation

/// "At this time, do this to that": one step of a scenario's timeline.
public struct TimelineEntry: Sendable, Equatable {
    /// Seconds after the scenario start.
    public var at: TimeInterval
    public var action: ScenarioAction
    /// `namespace/name`, where name is a workload (its first active pod for pod actions) or a pod.
    public var target: String
    public var container: String?
    public var image: String?
    public var replicas: Int?
    /// For `crash`: how the container ends.
    public var exit: ContainerExit?

    public init(at: TimeInterval, action: ScenarioAction, target: String, container: String? = nil,
                image: String? = nil, replicas: Int? = nil, exit: ContainerExit? = nil) {
        self.at = at
        self.action = action
        self.target = target
        self.container = container
        self.image = image
        self.replicas = replicas
        self.exit = exit
    }
}
