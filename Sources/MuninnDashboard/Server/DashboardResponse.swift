import HTTPTypes
import Hummingbird
import KubeJSON
import NIOCore

/// Response builders with the right content types.
enum DashboardResponse {
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "text/html; charset=utf-8", status: status)
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        body(value.serializedString() + "\n", contentType: "application/json", status: status)
    }

    static func text(_ text: String, contentType: String = "text/plain; charset=utf-8", status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: contentType, status: status)
    }

    static func bytes(_ bytes: [UInt8], contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An error as JSON for `/api/` paths, as a page otherwise.
    static func error(_ error: DashboardError, api: Bool) -> Response {
        if api { return json(.object(JSONObject([("error", .string(error.message))])), status: error.status) }
        let body = #"<p class="problem" id="error">\#(HTML.escape(error.message))</p><p><a href="/">Back to the incidents</a></p>"#
        return html(PageLayout.render(title: "\(error.status.code) \(error.status.reasonPhrase)", current: nil, body: body), status: error.status)
    }

    private static func body(_ text: String, contentType: String, status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
