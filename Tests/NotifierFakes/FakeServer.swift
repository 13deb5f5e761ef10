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
