import HTTPTypes
import Hummingbird
import NIOCore

/// Hands each request, body collected, to a closure.
struct FakeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let handle: @Sendable (RecordedRequest) async -> FakeAnswer

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        var request = request
        var buffer = try await request.collectBody(upTo: 16 << 20)
        let recorded = RecordedRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.rawName, $0.value) }, body: buffer.readBytes(length: buffer.readableBytes) ?? [])
        let answer = await handle(recorded)
        var headers = HTTPFields()
        for header in answer.headers {
            if let name = HTTPField.Name(header.name) { headers.append(HTTPField(name: name, value: header.value)) }
        }
        return Response(status: .init(code: answer.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}
