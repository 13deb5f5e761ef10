/// The behaviour names a scenario file may use.
enum BehaviourName: String, CaseIterable {
    case healthy, crashloop, oom, imagePullFailure, configError, flapReadiness, completes, startError
}
