import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// An in-process HTTP/1.1 server on 127.0.0.1 (port 0) that answers requests with scripted replies, in order,
/// and records what it received.
final class FakeAPIServer: Sendable {
    struct Request: Sendable {
        var method: String
        var path: String
        var query: [String: String]
        var headers: [(String, String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            headers.first { $0.0.lowercased() == name.lowercased() }?.1
        }
    }

    enum Reply: Sendable {
        /// A complete response.
        case body(status: Int, contentType: String, body: [UInt8], headers: [(String, String)])
        /// A chunked response, one flush per chunk; `cut` closes the connection instead of ending the body.
        case chunks(status: Int, contentType: String, chunks: [[UInt8]], cut: Bool)
        /// A chunked 200 that sends these lines and then stays open, like a quiet watch.
        case openStream(lines: [String])

        static func json(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Reply {
            .body(status: status, contentType: "application/json", body: Array(text.utf8), headers: headers)
        }

        static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> Reply {
            .body(status: status, contentType: "text/plain; charset=utf-8", body: Array(text.utf8), headers: headers)
        }

        static func status(_ code: Int, reason: String, message: String, retryAfter: Int? = nil) -> Reply {
            var details = ""
            if let retryAfter { details = ",\"details\":{\"retryAfterSeconds\":\(retryAfter)}" }
            let body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"\(message)\",\"reason\":\"\(reason)\"\(details),\"code\":\(code)}"
            return .json(code, body, headers: retryAfter.map { [("Retry-After", String($0))] } ?? [])
        }

        /// A watch stream whose bytes are split into chunks of the given sizes (cycled).
        static func watch(_ lines: [String], chunkSizes: [Int] = [7, 1, 13, 64, 3], cut: Bool = false) -> Reply {
            let bytes = Array(lines.map { $0 + "\n" }.joined().utf8)
            var chunks: [[UInt8]] = []
            var index = 0
            var sizeIndex = 0
            while index < bytes.count {
                let size = chunkSizes[sizeIndex % chunkSizes.count]
                chunks.append(Array(bytes[index..<min(index + size, bytes.count)]))
                index += size
                sizeIndex += 1
            }
            return .chunks(status: 200, contentType: "application/json", chunks: chunks, cut: cut)
        }
    }

    private struct State {
        var replies: [Reply] = []
        var routes: [String: Reply] = [:]
        var fallback: Reply = .status(500, reason: "InternalError", message: "no scripted reply left")
        var requests: [Request] = []
    }

    private let state = Mutex(State())
    private let channel: any Channel
    let port: Int

    private init(channel: any Channel) throws {
        self.channel = channel
        guard let port = channel.localAddress?.port else { throw CancellationError() }
        self.port = port
    }

    static func start(tls: NIOSSLContext? = nil) async throws -> FakeAPIServer {
        let holder = ServerHolder()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler(holder: holder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = try FakeAPIServer(channel: channel)
        holder.server.withLock { $0 = server }
        return server
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    func enqueue(_ replies: Reply...) {
        state.withLock { $0.replies.append(contentsOf: replies) }
    }

    /// Answers every request for `path` with `reply`, before the queue is consulted.
    func route(_ path: String, _ reply: Reply) {
        state.withLock { $0.routes[path] = reply }
    }

    /// The answer when no route matches and the queue is empty.
    func setFallback(_ reply: Reply) {
        state.withLock { $0.fallback = reply }
    }

    var requests: [Request] { state.withLock { $0.requests } }

    func stop() async throws {
        try await channel.close()
    }

    fileprivate func reply(to request: Request) -> Reply {
        state.withLock { state in
            state.requests.append(request)
            if let routed = state.routes[request.path] { return routed }
            if state.replies.isEmpty { return state.fallback }
            return state.replies.removeFirst()
        }
    }

    private final class ServerHolder: Sendable {
        let server = Mutex<FakeAPIServer?>(nil)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let holder: ServerHolder
        var head: HTTPRequestHead?
        var body: [UInt8] = []

        init(holder: ServerHolder) {
            self.holder = holder
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head):
                self.head = head
                body = []
            case .body(var buffer):
                body += buffer.readBytes(length: buffer.readableBytes) ?? []
            case .end:
                guard let head, let server = holder.server.withLock({ $0 }) else { return }
                let components = URLComponents(string: head.uri)
                var query: [String: String] = [:]
                for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
                let request = Request(
                    method: head.method.rawValue, path: components?.path ?? head.uri, query: query,
                    headers: head.headers.map { ($0.name, $0.value) }, body: body)
                respond(server.reply(to: request), context: context)
            }
        }

        private func respond(_ reply: Reply, context: ChannelHandlerContext) {
            switch reply {
            case .body(let status, let contentType, let body, let extraHeaders):
                var headers = HTTPHeaders([("Content-Type", contentType), ("Content-Length", String(body.count))])
                for (name, value) in extraHeaders { headers.add(name: name, value: value) }
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            case .chunks(let status, let contentType, let chunks, let cut):
                let headers = HTTPHeaders([("Content-Type", contentType), ("Transfer-Encoding", "chunked")])
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .init(statusCode: status), headers: headers))), promise: nil)
                for chunk in chunks {
                    context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: chunk)))), promise: nil)
                }
                if cut {
                    context.close(promise: nil)
                } else {
                    context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                }
            case .openStream(let lines):
                let headers = HTTPHeaders([("Content-Type", "application/json"), ("Transfer-Encoding", "chunked")])
                context.writeAndFlush(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
                for line in lines {
                    context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: line + "\n")))), promise: nil)
                }
            }
        }
    }
}
