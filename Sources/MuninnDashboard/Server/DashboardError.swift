import HTTPTypes

/// A request the dashboard cannot answer, with the status and a message for people (and API clients).
struct DashboardError: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String

    static func badParameter(_ name: String, _ problem: String) -> DashboardError {
        DashboardError(status: .badRequest, message: "\(name): \(problem)")
    }

    static func notFound(_ message: String) -> DashboardError { DashboardError(status: .notFound, message: message) }
}
