extension Alert.Kind {
    /// The alert kind that tells people about an incident of `kind`.
    public init(_ kind: Incident.Kind) {
        switch kind {
        case .containerTerminated: self = .crashed
        case .cannotStart: self = .cannotStart
        case .notReady: self = .notReady
        case .podEvicted: self = .evicted
        case .podFailed: self = .failed
        case .runningAgain, .readyAgain: self = .recovered
        }
    }
}
