/// What the detector remembers about one pod (keyed by namespace/name, checked by UID).
struct PodMemory: Sendable, Equatable {
    var uid: String
    var containers: [ContainerMemory] = []
    var notReadyReported = false
    /// The not-ready report was part of the first start's silent baseline: its end is no "recovery" to announce.
    var notReadyBaselined = false
    var failureReported = false
    /// False for entries restored from a snapshot until the first list shows the pod again; entries still
    /// unconfirmed when that list completes belong to pods deleted while Muninn was down.
    var confirmed = true

    init(uid: String) {
        self.uid = uid
    }

    var isEmpty: Bool { containers.isEmpty && !notReadyReported && !failureReported }

    func index(of group: ContainerMemory.Group, _ name: String) -> Int? {
        containers.firstIndex { $0.group == group && $0.name == name }
    }
}
