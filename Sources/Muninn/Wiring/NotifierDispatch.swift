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
            return try await notifier.send(alert, channel: lane.channel, logger: logger)
        }
    }
}
