/// What the detector remembers about one container: only what it needs to decide, so that 150,000 pods fit
/// in little memory. A container with nothing to remember is not stored at all.
struct ContainerMemory: Sendable, Equatable {
    /// Init and sidecar containers share one list (`initContainerStatuses`), hence three groups for four roles.
    enum Group: UInt8, Sendable {
        case regular, `init`, ephemeral
    }

    var group: Group
    var name: String
    /// The restart count that the reported (or baselined) terminations account for: the base of `restartsSeen`.
    var accountedRestarts: Int = 0
    /// Fingerprints of the two most recent failed termination instances seen (clean exits are never reported,
    /// so never remembered). Two, because one status can show two
    /// (`lastState.terminated` and `state.terminated`), and seeing either again must not repeat it.
    var latestTermination: UInt64?
    var earlierTermination: UInt64?
    /// Waiting-reason families already reported in the current waiting stretch (cleared when the container
    /// runs and is ready, or terminates). Usually empty or one entry.
    var waitingFamilies: [String] = []
    /// The open episode was part of the first start's silent baseline: its end is no "recovery" to announce.
    var waitingBaselined = false

    /// More families than this in one stretch is hostile input; stop remembering (and reporting) new ones.
    static let maximumWaitingFamilies = 8

    init(group: Group, name: String) {
        self.group = group
        self.name = name
    }

    var isEmpty: Bool {
        accountedRestarts == 0 && latestTermination == nil && earlierTermination == nil && waitingFamilies.isEmpty
    }

    mutating func endWaitingStretch() {
        waitingFamilies = []
        waitingBaselined = false
    }

    func knows(_ fingerprint: UInt64) -> Bool {
        latestTermination == fingerprint || earlierTermination == fingerprint
    }

    mutating func remember(_ fingerprint: UInt64) {
        guard latestTermination != fingerprint else { return }
        earlierTermination = latestTermination
        latestTermination = fingerprint
    }
}
