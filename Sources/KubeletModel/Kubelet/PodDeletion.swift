import Foundation

/// A graceful deletion in progress: `deletionTimestamp` is when the grace period ends.
struct PodDeletion: Sendable, Equatable {
    var deadline: Date
    var gracePeriodSeconds: Int
}
