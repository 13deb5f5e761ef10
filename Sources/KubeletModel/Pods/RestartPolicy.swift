/// `spec.restartPolicy`.
public enum RestartPolicy: String, Sendable, Equatable {
    case always = "Always"
    case onFailure = "OnFailure"
    case never = "Never"
}
