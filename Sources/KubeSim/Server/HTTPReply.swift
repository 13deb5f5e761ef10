import HTTPTypes
import Hummingbird
import KubeJSON
import NIOCore

/// Builders for the simulator's responses, with the headers every real apiserver response has.
enum HTTPReply {
    static let retryAfter = HTTPField.Name("Retry-After")!
    static let flowSchema = HTTPField.Name("X-Kubernetes-Pf-Flowschema-Uid")!
    static let priorityLevel = HTTPField.Name("X-Kubernetes-Pf-Prioritylevel-Uid")!
    static let auditID = HTTPField.Name("Audit-Id")!
    static let contentTypeOptions = HTTPField.Name("X-Content-Type-Options")!

    static func headers(contentType: String) -> HTTPFields {
        var headers = HTTPFields()
        headers[auditID] = UUIDGenerator.next()
        headers[.cacheControl] = "no-cache, private"
        headers[.contentType] = contentType
        headers[flowSchema] = "5b2b7ea1-8b4a-4a8c-9c3c-1f0e2f3a4b5c"
        headers[priorityLevel] = "8f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b"
        return headers
    }

    static func json(_ bytes: [UInt8], status: Int = 200) -> Response {
        Response(status: .init(code: status), headers: headers(contentType: "application/json"),
                 body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue, status: Int = 200) -> Response {
        json(value.serialized(), status: status)
    }

    static func status(_ status: APIStatus) -> Response {
        var response = json(status.json, status: status.code)
        if let seconds = status.retryAfterSeconds, seconds > 0 { response.headers[retryAfter] = String(seconds) }
        return response
    }

    /// Go's `http.Error`: text/plain with nosniff and a trailing newline.
    static func plainError(_ message: String, status: Int, retryAfter seconds: Int? = nil) -> Response {
        var headers = headers(contentType: "text/plain; charset=utf-8")
        headers[contentTypeOptions] = "nosniff"
        if let seconds { headers[retryAfter] = String(seconds) }
        return Response(status: .init(code: status), headers: headers,
                        body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
    }

    static var pageNotFound: Response { plainError("404 page not found", status: 404) }

    static func text(_ bytes: [UInt8]) -> Response {
        Response(status: .ok, headers: headers(contentType: "text/plain"), body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

