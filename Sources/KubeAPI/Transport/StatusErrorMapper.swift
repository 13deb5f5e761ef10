import Foundation

/// Turns a non-2xx response into a `KubeAPIError`, parsing the JSON Status if there is one and otherwise
/// synthesising one from the HTTP code as client-go does (`404 page not found`, APF's text/plain 429).
enum StatusErrorMapper {
    static func error(httpStatus: Int, contentType: String?, body: [UInt8], retryAfter: Duration?, isLogRequest: Bool = false) -> KubeAPIError {
        var status = parsedStatus(contentType: contentType, body: body) ?? synthesised(httpStatus: httpStatus, body: body)
        if status.code == nil || status.code == 0 { status.code = httpStatus }
        let retryAfter = retryAfter ?? status.details?.retryAfterSeconds.flatMap { $0 > 0 ? Duration.seconds($0) : nil }

        switch httpStatus {
        case 400 where isLogRequest: return .logsUnavailable(message: status.message ?? "")
        case 400: return .badRequest(status)
        case 401: return .unauthorized(status)
        case 403: return .forbidden(status)
        case 404: return .notFound(status)
        case 409 where status.reason == "AlreadyExists": return .alreadyExists(status)
        case 409: return .conflict(status)
        case 410: return .expired(status)
        case 422: return .invalid(status)
        case 429: return .tooManyRequests(status, retryAfter: retryAfter)
        case 500...599: return .serverError(status, retryAfter: retryAfter)
        default: return .unexpectedStatus(status)
        }
    }

    private static func parsedStatus(contentType: String?, body: [UInt8]) -> Status? {
        guard let contentType, contentType.lowercased().contains("json"), !body.isEmpty else { return nil }
        // try? on purpose: a body that claims JSON but is not a Status falls back to a synthesised Status.
        guard let status = try? JSONDecoder().decode(Status.self, from: Data(body)), status.kind == "Status" || status.reason != nil else {
            return nil
        }
        return status
    }

    private static func synthesised(httpStatus: Int, body: [UInt8]) -> Status {
        let text = String(decoding: body.prefix(1024), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let (reason, message): (String, String) =
            switch httpStatus {
            case 400: ("BadRequest", "the server rejected our request for an unknown reason")
            case 401: ("Unauthorized", "the server has asked for the client to provide credentials")
            case 403: ("Forbidden", "the server does not allow access to the requested resource")
            case 404: ("NotFound", "the server could not find the requested resource")
            case 405: ("MethodNotAllowed", "the server does not allow this method on the requested resource")
            case 406: ("NotAcceptable", "the server was unable to respond with a content type that the client supports")
            case 409: ("Conflict", "the server reported a conflict")
            case 410: ("Expired", "the server reported the requested resource version is too old")
            case 422: ("Invalid", "the server rejected our request due to an error in our request")
            case 429: ("TooManyRequests", "the server has received too many requests and has asked us to try again later")
            case 504: ("Timeout", "the server was unable to return a response in the time allotted, but may still be processing the request")
            case 500...599: ("InternalError", "an error on the server has prevented the request from succeeding")
            default: ("Unknown", "an error on the server has prevented the request from succeeding")
            }
        // For a 400 from pods/log the body text is the kubelet's message; keep it.
        let fullMessage = text.isEmpty ? message : (httpStatus == 400 ? text : "\(message) (\(text))")
        return Status(code: httpStatus, reason: reason, message: fullMessage)
    }
}
