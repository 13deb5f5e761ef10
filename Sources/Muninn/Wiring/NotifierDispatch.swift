import Logging
import MuninnCore

/// The delivery stage's view of the configured destinations: a lane's destination name picks the notifier.
enum NotifierDispatch {
    static func make(_ notifiers: [String: any Notifier]) -> DeliveryService.Dispatch {
        { alert, lane, threadID, logger throws(NotifierError) in
            // Deliveries queued before a configuration change may name a destination that is gone.
            guard let notifier = notifiers[lane.destination] else {
                throw .permanent(reason: "destination '\(lane.destination)' is not configured any more")
            }
            return try await notifier.send(alert, to: DeliveryTarget(channel: lane.channel, threadID: threadID), logger: logger)
        }
    }
}

extension NotifierDispatch {
    /// The least time between two messages in a lane: the destination's per-channel pace, or its per-destination
    /// pace when it has no channels (every delivery to it is one lane).
    static func pacing(_ notifiers: [String: any Notifier]) -> @Sendable (DeliveryLane) -> Duration {
        { lane in
            guard let pacing = notifiers[lane.destination]?.pacing else { return .zero }
            return (lane.channel == nil ? pacing.perDestination ?? pacing.perChannel : pacing.perChannel ?? pacing.perDestination) ?? .zero
        }
    }

    /// How many sends of a lane may be in flight: `pipelineDepth` for destinations that recognise a repeated request,
    /// one (the next waits for the previous outcome to be on disk) for the others.
    static func pipelining(_ notifiers: [String: any Notifier]) -> @Sendable (DeliveryLane) -> Int {
        { lane in notifiers[lane.destination]?.recognisesRepeatedRequests == true ? pipelineDepth : 1 }
    }

    /// Enough sends to cover a commit's wait for the disk (5-10 ms) at a local receiver's speed, few enough that a
    /// crash re-sends little.
    static let pipelineDepth = 16
}
