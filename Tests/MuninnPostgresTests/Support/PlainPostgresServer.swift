import NIOCore
import NIOPosix

/// A fake PostgreSQL server on 127.0.0.1 (port 0) that has no TLS: it answers `N` to the SSLRequest, as a real
/// server built or configured without SSL does, then reads the plain-text StartupMessage a client may send anyway
/// and closes the connection. What each connection did is reported once it has ended.
enum PlainPostgresServer {
    /// What one client connection sent.
    struct Connection: Sendable, Equatable {
        /// The first message was the 8-byte SSLRequest (length 8, code 80877103).
        var askedForTLS = false
        /// The client went on without TLS: the protocol version of its StartupMessage (196608 is 3.0).
        var plainStartupProtocol: Int32?
        /// The StartupMessage's parameters (user, database, ...) as sent in the clear.
        var plainStartupParameters: [String: String] = [:]
    }

    static let sslRequestCode: Int32 = 80_877_103

    /// Runs `body` with the server's port and the connections as they end (at most 16 kept for the reader).
    static func with<Result: Sendable>(
        _ body: (_ port: Int, _ connections: AsyncStream<Connection>) async throws -> Result
    ) async throws -> Result {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else {
            try await server.channel.close()
            throw ChannelError.unknownLocalAddress
        }
        let (connections, report) = AsyncStream.makeStream(of: Connection.self, bufferingPolicy: .bufferingOldest(16))
        return try await withThrowingTaskGroup(of: Void.self, returning: Result.self) { group in
            group.addTask {
                try await server.executeThenClose { inbound in
                    // One client at a time is enough: a store opens one connection first and stops at its failure.
                    for try await client in inbound {
                        report.yield(try await serve(client))
                    }
                }
            }
            defer {
                report.finish()
                server.channel.close(promise: nil)
                group.cancelAll()
            }
            return try await body(port, connections)
        }
    }

    private static func serve(_ client: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async throws -> Connection {
        var seen = Connection()
        do {
            try await client.executeThenClose { inbound, outbound in
                var buffer = ByteBuffer()
                for try await chunk in inbound {
                    buffer.writeImmutableBuffer(chunk)
                    if !seen.askedForTLS {
                        guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self), buffer.readableBytes >= 8 else { continue }
                        let code = buffer.getInteger(at: buffer.readerIndex + 4, as: Int32.self)
                        guard length == 8, code == sslRequestCode else { return }
                        buffer.moveReaderIndex(forwardBy: 8)
                        seen.askedForTLS = true
                        try await outbound.write(ByteBuffer(string: "N"))
                    }
                    guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self), length >= 8,
                        buffer.readableBytes >= Int(length)
                    else { continue }
                    var message = buffer.getSlice(at: buffer.readerIndex + 4, length: Int(length) - 4) ?? ByteBuffer()
                    seen.plainStartupProtocol = message.readInteger(as: Int32.self)
                    seen.plainStartupParameters = parameters(&message)
                    return  // closes: this server serves nothing
                }
            }
        } catch is CancellationError {
            // The scope ended while a client was connected.
        }
        return seen
    }

    /// The StartupMessage's NUL-terminated name and value pairs, ended by an empty name.
    private static func parameters(_ message: inout ByteBuffer) -> [String: String] {
        var result: [String: String] = [:]
        func cString() -> String? {
            guard let end = message.readableBytesView.firstIndex(of: 0) else { return nil }
            let text = message.readString(length: end - message.readerIndex)
            message.moveReaderIndex(forwardBy: 1)
            return text
        }
        while let name = cString(), !name.isEmpty, let value = cString() {
            result[name] = value
        }
        return result
    }
}
