import Foundation
import HTTPTypes
import Hummingbird
import KubeJSON
import Logging
import NIOCore
import Synchronization

/// The benchmark's alert destination: a local webhook receiver that notes when the first alert for each
/// `namespace/pod` arrived (CLOCK_MONOTONIC), and answers 204 as a healthy webhook does. With a ledger (the soak)
/// it also counts every alert by id and takes change messages at `/changes`.
final class WebhookSink: Sendable {
    private let arrivals = Mutex<[String: UInt64]>([:])
    private let received = Mutex(0)
    let ledger: SinkLedger?

    init(ledger: SinkLedger? = nil) { self.ledger = ledger }

    /// First arrival per `namespace/pod`.
    var arrivalTimes: [String: UInt64] { arrivals.withLock { $0 } }
    /// Every request, including repeats.
    var requestCount: Int { received.withLock { $0 } }

    func record(_ body: ByteBuffer) {
        let now = MonotonicTime.nanoseconds()
        received.withLock { $0 += 1 }
        let parsed = try? JSONValue(parsing: Array(body.readableBytesView))
        ledger?.recordAlert(parsed)
        guard let payload = parsed,
            let pod = payload["pod"]?.stringValue, let namespace = payload["namespace"]?.stringValue
        else { return }
        arrivals.withLock { arrivals in
            if arrivals["\(namespace)/\(pod)"] == nil { arrivals["\(namespace)/\(pod)"] = now }
        }
    }

    /// Serves on 127.0.0.1 with a free port while `body` runs with the sink's URL.
    func serve<Result: Sendable>(_ body: (_ url: String) async throws -> Result) async throws -> Result {
        let router = Router()
        router.post("/hook") { [self] request, _ -> HTTPResponse.Status in
            var request = request
            let bytes = try await request.collectBody(upTo: 16 << 20)
            record(bytes)
            return .noContent
        }
        router.post("/changes") { [self] request, _ -> HTTPResponse.Status in
            var request = request
            let bytes = try await request.collectBody(upTo: 16 << 20)
            ledger?.recordChange(try? JSONValue(parsing: Array(bytes.readableBytesView)))
            return .noContent
        }
        var logger = Logger(label: "muninn.bench.sink")
        logger.logLevel = .critical
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? 0)
                portContinuation.finish()
            }, logger: logger)
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { portContinuation.finish() }
                try await application.run()
            }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else {
                try await tasks.waitForAll()
                throw BenchError("the webhook sink could not listen")
            }
            do {
                let result = try await body("http://127.0.0.1:\(port)/hook")
                tasks.cancelAll()
                try? await tasks.waitForAll()  // try?: the server ends by cancellation
                return result
            } catch {
                tasks.cancelAll()
                try? await tasks.waitForAll()  // try?: the body's error is the one to report
                throw error
            }
        }
    }
}
