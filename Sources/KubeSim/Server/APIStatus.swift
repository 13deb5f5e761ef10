import KubeJSON

/// A `Status` failure exactly as kube-apiserver shapes it (PROTOCOL.md §2.1–2.2).
///
/// Thrown by store and handler code; the request handler turns it into the HTTP response, with a
/// `Retry-After` header whenever `retryAfterSeconds` is set.
struct APIStatus: Error, Sendable, Equatable {
    struct Cause: Sendable, Equatable {
        var reason: String
        var message: String
        var field: String?
    }

    var code: Int
    var reason: String
    var message: String
    var name: String?
    var group: String?
    /// The resource (plural), as the real server fills `details.kind`.
    var kind: String?
    var uid: String?
    var causes: [Cause] = []
    var retryAfterSeconds: Int?
    /// Only for an expired continue token offering an inconsistent continuation.
    var continueToken: String?

    var json: JSONValue {
        var metadata = JSONObject()
        if let continueToken { metadata["continue"] = .string(continueToken) }
        var object = JSONObject([
            ("kind", "Status"), ("apiVersion", "v1"), ("metadata", .object(metadata)),
            ("status", "Failure"), ("message", .string(message)), ("reason", .string(reason)),
        ])
        var details = JSONObject()
        if let name, !name.isEmpty { details["name"] = .string(name) }
        if let group, !group.isEmpty { details["group"] = .string(group) }
        if let kind, !kind.isEmpty { details["kind"] = .string(kind) }
        if let uid, !uid.isEmpty { details["uid"] = .string(uid) }
        if !causes.isEmpty {
            details["causes"] = .array(causes.map { cause in
                var c = JSONObject([("reason", .string(cause.reason)), ("message", .string(cause.message))])
                if let field = cause.field { c["field"] = .string(field) }
                return .object(c)
            })
        }
        if let retryAfterSeconds, retryAfterSeconds > 0 { details["retryAfterSeconds"] = .int(Int64(retryAfterSeconds)) }
        if !details.isEmpty { object["details"] = .object(details) }
        object["code"] = .int(Int64(code))
        return .object(object)
    }

    // MARK: Constructors mirroring k8s.io/apimachinery/pkg/api/errors

    static func notFound(_ definition: ResourceDefinition, name: String) -> APIStatus {
        APIStatus(code: 404, reason: "NotFound", message: "\(definition.qualifiedResource) \"\(name)\" not found",
                  name: name, group: definition.group, kind: definition.resource)
    }

    static func alreadyExists(_ definition: ResourceDefinition, name: String) -> APIStatus {
        APIStatus(code: 409, reason: "AlreadyExists",
                  message: "\(definition.qualifiedResource) \"\(name)\" already exists",
                  name: name, group: definition.group, kind: definition.resource)
    }

    static func conflict(_ definition: ResourceDefinition, name: String) -> APIStatus {
        APIStatus(code: 409, reason: "Conflict",
                  message: "Operation cannot be fulfilled on \(definition.qualifiedResource) \"\(name)\": "
                      + "the object has been modified; please apply your changes to the latest version and try again",
                  name: name, group: definition.group, kind: definition.resource)
    }

    static func badRequest(_ message: String) -> APIStatus {
        APIStatus(code: 400, reason: "BadRequest", message: message)
    }

    static func expired(_ message: String, continueToken: String? = nil) -> APIStatus {
        APIStatus(code: 410, reason: "Expired", message: message, continueToken: continueToken)
    }

    static func gone(_ message: String) -> APIStatus {
        APIStatus(code: 410, reason: "Gone", message: message)
    }

    /// 422 on `<Kind>.<group> "<name>"`; `field errors` are joined as the real server does.
    static func invalid(kind: String, group: String, name: String, causes: [Cause]) -> APIStatus {
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        let summary: String
        if causes.count == 1, let only = causes.first {
            summary = "\(only.field.map { "\($0): " } ?? "")\(only.message)"
        } else {
            summary = "[" + causes.map { "\($0.field.map { "\($0): " } ?? "")\($0.message)" }.joined(separator: ", ") + "]"
        }
        return APIStatus(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(summary)",
                         name: name, group: group, kind: kind, causes: causes)
    }

    static func methodNotAllowed(_ message: String) -> APIStatus {
        APIStatus(code: 405, reason: "MethodNotAllowed", message: message)
    }

    static func notAcceptable(_ accepted: String) -> APIStatus {
        APIStatus(code: 406, reason: "NotAcceptable", message: "only the following media types are accepted: \(accepted)")
    }

    static func unsupportedMediaType(_ contentType: String) -> APIStatus {
        APIStatus(code: 415, reason: "UnsupportedMediaType",
                  message: "the body of the request was in an unknown format - accepted media types include: "
                      + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json")
    }

    static let unauthorized = APIStatus(code: 401, reason: "Unauthorized", message: "Unauthorized")

    static func internalError(_ message: String) -> APIStatus {
        APIStatus(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)",
                  causes: [Cause(reason: "UnexpectedServerResponse", message: message)])
    }

    static func tooManyRequests(retryAfter: Int) -> APIStatus {
        APIStatus(code: 429, reason: "TooManyRequests", message: "storage is (re)initializing",
                  retryAfterSeconds: retryAfter)
    }

    static func serviceUnavailable(retryAfter: Int?) -> APIStatus {
        APIStatus(code: 503, reason: "ServiceUnavailable",
                  message: "the request has been made before all known HTTP paths have been installed, please try again",
                  retryAfterSeconds: retryAfter)
    }

    static func tooLargeResourceVersion(requested: Int64, current: Int64) -> APIStatus {
        APIStatus(code: 504, reason: "Timeout",
                  message: "Timeout: Too large resource version: \(requested), current: \(current)",
                  causes: [Cause(reason: "ResourceVersionTooLarge", message: "Too large resource version")],
                  retryAfterSeconds: 1)
    }
}
