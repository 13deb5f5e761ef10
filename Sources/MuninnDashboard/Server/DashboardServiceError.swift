/// Why the dashboard will not start.
public struct DashboardServiceError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
