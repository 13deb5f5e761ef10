import Foundation

extension CrashDetector {
    /// What the detector reports. The defaults are quiet: failures only, no recoveries, no deletion kills,
    /// no flood of pre-existing problems on a first start.
    public struct Configuration: Sendable, Hashable {
        /// How long a pod may stay not Ready before a `notReady` incident, in seconds (kube-slack's
        /// `NOT_READY_MIN_TIME`, default 60 s; reported once the duration is >= the threshold). `nil` disables.
        public var notReadyThreshold: TimeInterval?
        /// Produce `runningAgain`/`readyAgain` incidents when a reported `cannotStart`/`notReady` clears.
        public var reportRecovery: Bool
        /// Report terminations (and pod failures) of pods being deleted (`deletionTimestamp` set): rollouts,
        /// scale-downs, `kubectl delete`, drains. Off by default: those kills are intended.
        public var reportDeletionKills: Bool
        /// On a first start without saved state, report problems that already exist (flagged `seenLate`)
        /// instead of taking them as a silent baseline.
        public var reportExistingOnStart: Bool
        /// Waiting reasons that are normal start-up states, never `cannotStart`.
        public var benignWaitingReasons: Set<String>

        public init(
            notReadyThreshold: TimeInterval? = 60, reportRecovery: Bool = false, reportDeletionKills: Bool = false,
            reportExistingOnStart: Bool = false, benignWaitingReasons: Set<String> = ["ContainerCreating", "PodInitializing"]
        ) {
            self.notReadyThreshold = notReadyThreshold
            self.reportRecovery = reportRecovery
            self.reportDeletionKills = reportDeletionKills
            self.reportExistingOnStart = reportExistingOnStart
            self.benignWaitingReasons = benignWaitingReasons
        }
    }
}
