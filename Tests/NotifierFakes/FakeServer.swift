import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Serves `handle` on 127.0.0.1 with a free port while `body` runs, then stops.
@discardableResult
public func withFakeServer<Result: Sendable>(
    _ handle: @escaping @Sendable (RecordedRequest) async -> FakeAnswer,
    _ body: (_ port: Int) async throws -> Result
) async throws -> Result {
    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
    var logger = Logger(label: "fake-server")
    logger.logLevel = .critical
    let application = Application(
        responder: FakeResponder(handle: handle),
        configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: logger)
    return try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask {
            defer { portContinuation.finish() }
            try await application.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            try await tasks.waitForAll()
            throw FakeServerError.notListening
        }
        do {
            let result = try await body(port)
            tasks.cancelAll()
            try? await tasks.waitForAll()
            return result
        } catch {
            tasks.cancelAll()
            try? await tasks.waitForAll()
            throw error
        }
    }
}

/// The fake server could not start.
public enum FakeServerError: Error { case notListening }

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
