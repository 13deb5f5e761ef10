extension Incident {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A container instance terminated with a failure (any reason but `Completed`, or a non-zero exit code).
        case containerTerminated
        /// A container waits with a reason other than `ContainerCreating`/`PodInitializing` (image pull,
        /// config error, `CrashLoopBackOff` without a failed termination record, …).
        case cannotStart
        /// A pod has not been Ready for longer than the configured threshold.
        case notReady
        /// The kubelet evicted the pod (phase Failed, reason Evicted).
        case podEvicted
        /// The pod failed with a pod-level reason (DeadlineExceeded, node shutdown, admission failures, …).
        case podFailed
        /// Recovery (optional): a container that could not start now runs and is ready.
        case runningAgain
        /// Recovery (optional): a pod reported as not ready is Ready again.
        case readyAgain

        /// Recoveries are only produced when `Configuration.reportRecovery` is set.
        public var isRecovery: Bool { self == .runningAgain || self == .readyAgain }
    }
}
