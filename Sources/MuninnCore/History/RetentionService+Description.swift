/// What ServiceLifecycle logs when it starts the service.
extension RetentionService: CustomStringConvertible {
    public var description: String { "RetentionService" }
}
