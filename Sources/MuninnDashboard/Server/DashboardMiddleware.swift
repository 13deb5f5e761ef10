import HTTPTypes
import Hummingbird
import Logging
import MuninnCore

/// Everything every request goes through: read-only methods (405 otherwise), authentication (401 with a
/// challenge), errors rendered as pages or JSON, and the security headers on every response.
struct DashboardMiddleware<Context: RequestContext>: RouterMiddleware {
    let auth: DashboardAuth
    let logger: Logger

    /// Probes must work without credentials (a kubelet has none) and reveal nothing.
    private var unauthenticatedPaths: Set<String> { ["/healthz", "/readyz"] }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = await respond(request, context: context, next: next)
        for (name, value) in SecurityHeaders.all { response.headers[name] = value }
        if request.method == .head { response.body = ResponseBody() }
        return response
    }

    private func respond(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async -> Response {
        let path = request.uri.path
        let api = path.hasPrefix("/api/")
        guard request.method == .get || request.method == .head else {
            var response = DashboardResponse.error(DashboardError(status: .methodNotAllowed, message: "the dashboard is read-only: use GET or HEAD"), api: api)
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        if !unauthenticatedPaths.contains(path), !AuthorizationCheck.allows(request.headers[.authorization], auth: auth) {
            var response = DashboardResponse.error(DashboardError(status: .unauthorized, message: "authentication required"), api: api)
            response.headers[.wwwAuthenticate] = AuthorizationCheck.challenge(auth)
            return response
        }
        do {
            return try await next(request, context)
        } catch let error as DashboardError {
            return DashboardResponse.error(error, api: api)
        } catch let error as HTTPError where error.status == .notFound {
            return DashboardResponse.error(.notFound("no such page: \(path)"), api: api)
        } catch let error as StoreError {
            logger.error("dashboard: store error", metadata: ["path": "\(path)", "error": "\(error)"])
            return DashboardResponse.error(DashboardError(status: .serviceUnavailable, message: "the store cannot answer: \(error)"), api: api)
        } catch {
            logger.error("dashboard: request failed", metadata: ["path": "\(path)", "error": "\(error)"])
            return DashboardResponse.error(DashboardError(status: .internalServerError, message: "internal error"), api: api)
        }
    }
}
