import Foundation
import KubeAPI

/// A pod that is currently not Ready, kept so that `tick(now:)` can report it without a new event.
/// Only unready pods have one: memory follows the problems, not the cluster size.
struct NotReadyWatch: Sendable, Equatable {
    var uid: String
    var since: Date
    var node: String?
    var owner: OwnerReference?
    var reason: String?
    var message: String?
    var labels: [String: String] = [:]
    var annotations: [String: String] = [:]
}
