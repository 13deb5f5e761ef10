extension Incident {
    /// Which list of the pod a container belongs to.
    public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
        case regular
        case `init`
        /// A restartable init container (`restartPolicy: Always`, Kubernetes 1.28+).
        case sidecar
        case ephemeral
    }
}
