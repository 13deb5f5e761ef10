import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// `muninn bench-read` (hidden): the ceiling of `muninn bench`, a client that reads the same bytes as the
/// others and throws them away. `list` pages through all pods (limit 500) and prints
/// `listed <bytes> <pages> <start ns> <end ns>`; `watch` reads a watch from a resourceVersion and prints
/// `first|events <count> <ns>` lines until it has seen `--events` events.
struct BenchReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-read", abstract: "The read-and-discard client of `muninn bench` (internal).", shouldDisplay: false)

    enum Mode: String, ExpressibleByArgument { case list, watch }

    @Argument var mode: Mode
    @Option var server: String
    @Option var caFile: String
    @Option var tokenFile: String
    @Option var resourceVersion = ""
    @Option var events = 0

    func run() async throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
        do {
            switch mode {
            case .list: try await list(client, token: token)
            case .watch: try await watch(client, token: token)
            }
        } catch {
            try? await client.shutdown()  // try?: the read error is the one to report
            throw error
        }
        try await client.shutdown()
    }

    private func request(_ path: String, token: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: server + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: "application/json")
        return request
    }

    private func list(_ client: HTTPClient, token: String) async throws {
        let start = MonotonicTime.nanoseconds()
        var bytes = 0
        var pages = 0
        var continueToken: String?
        repeat {
            var path = "/api/v1/pods?limit=500"
            if let continueToken { path += "&continue=\(continueToken)" }
            let response = try await client.execute(request(path, token: token), timeout: .seconds(300))
            guard response.status == .ok else { throw ValidationError("list answered \(response.status)") }
            // The list's metadata (with `continue`) comes first; keep only that much.
            var head: [UInt8] = []
            for try await chunk in response.body {
                bytes += chunk.readableBytes
                if head.count < 4096 { head.append(contentsOf: chunk.readableBytesView.prefix(4096 - head.count)) }
            }
            pages += 1
            continueToken = Self.continueToken(in: head)
        } while continueToken != nil
        let end = MonotonicTime.nanoseconds()
        print("listed \(bytes) \(pages) \(start) \(end)")
    }

    static func continueToken(in head: [UInt8]) -> String? {
        let marker = Array(#""continue":""#.utf8)
        guard let range = head.firstRange(of: marker), let end = head[range.upperBound...].firstIndex(of: UInt8(ascii: "\"")),
            end > range.upperBound
        else { return nil }
        // base64url: no escaping needed in a query.
        return String(decoding: head[range.upperBound..<end], as: UTF8.self)
    }

    private func watch(_ client: HTTPClient, token: String) async throws {
        let path = "/api/v1/pods?watch=true&resourceVersion=\(resourceVersion)&timeoutSeconds=600"
        let response = try await client.execute(request(path, token: token), timeout: .seconds(600))
        guard response.status == .ok else { throw ValidationError("watch answered \(response.status)") }
        var seen = 0
        for try await chunk in response.body {
            let newlines = chunk.withUnsafeReadableBytes { raw in
                // memchr: the newline count is all this client wants from the bytes.
                var count = 0
                guard var cursor = raw.baseAddress else { return 0 }
                let end = cursor + raw.count
                while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                    count += 1
                    cursor = UnsafeRawPointer(found) + 1
                }
                return count
            }
            for _ in 0..<newlines {
                seen += 1
                if seen == 1 { StandardOutput.writeLine("first 1 \(MonotonicTime.nanoseconds())") }
                if seen % 100 == 0 || seen == events { StandardOutput.writeLine("events \(seen) \(MonotonicTime.nanoseconds())") }
                if seen >= events { return }
            }
        }
    }
}
