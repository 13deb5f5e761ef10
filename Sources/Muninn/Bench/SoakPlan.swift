/// How hard and how long `muninn soak` churns its cluster, and how often it samples the Muninn process.
struct SoakPlan: Codable, Sendable {
    /// Length of the churn, in seconds.
    var seconds: Double
    var sampleSeconds: Double
    /// Main containers crashing (exit 1 with a stack trace), each one alert.
    var crashesPerSecond: Double
    /// Pods deleted (their Deployment creates a new one, so the count stays).
    var deletionsPerSecond: Double
    /// Readiness turned off, and on again after `readinessFlapSeconds`.
    var readinessFlapsPerSecond: Double
    var readinessFlapSeconds: Double
    /// One Deployment's image changed every this many seconds (a rolling update of its pods).
    var rolloutSeconds: Double
    /// One ConfigMap's data edited every this many seconds.
    var configMapSeconds: Double
    var configMaps: Int
    /// After the churn, how long to wait for the last alerts and changes to arrive.
    var settleSeconds: Double
}
