import AsyncHTTPClient
import Foundation
import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import NIOSSL
@testable import KubeSim

/// A small HTTP client for the simulator's tests (AsyncHTTPClient underneath).
struct TestResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var text: String { String(decoding: body, as: UTF8.self) }

    func json() throws -> JSONValue { try JSONValue(parsing: body) }
}

struct TestClient {
    let client: HTTPClient
    let baseURL: String
    var token: String?

    func request(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, contentType: String = "application/json",
        accept: String = "application/json", headers extra: [(String, String)] = []
    ) async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: accept)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body.serialized()))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        var bytes: [UInt8] = []
        for try await part in response.body { bytes.append(contentsOf: part.readableBytesView) }
        return TestResponse(status: Int(response.status.code), headers: response.headers, body: bytes)
    }

    func get(_ path: String, accept: String = "application/json") async throws -> TestResponse {
        try await request(.GET, path, accept: accept)
    }

    /// Opens a watch and returns its events line by line.
    func watch(_ path: String, accept: String = "application/json") async throws -> WatchReader {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Accept", value: accept)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await client.execute(request, timeout: .seconds(60))
        return WatchReader(status: Int(response.status.code), headers: response.headers,
                           iterator: response.body.makeAsyncIterator())
    }
}

/// Splits a streaming body into newline-terminated events.
struct WatchReader {
    let status: Int
    let headers: HTTPHeaders
    var iterator: HTTPClientResponse.Body.AsyncIterator
    var buffer: [UInt8] = []
    /// Every byte received, for truncation checks.
    var received: [UInt8] = []

    /// The next event, or nil when the stream ended cleanly.
    mutating func next() async throws -> JSONValue? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                return try JSONValue(parsing: line)
            }
            guard let part = try await iterator.next() else { return nil }
            buffer.append(contentsOf: part.readableBytesView)
            received.append(contentsOf: part.readableBytesView)
        }
    }

    /// Reads until the stream ends; returns the remaining events.
    mutating func drain() async throws -> [JSONValue] {
        var events: [JSONValue] = []
        while let event = try await next() { events.append(event) }
        return events
    }
}

/// Runs `body` with a simulator and a client for it.
func withTestSimulator<R: Sendable>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(),
    tlsConfiguration: TLSConfiguration? = nil,
    token: String? = nil,
    _ body: (Simulator, TestClient) async throws -> R
) async throws -> R {
    try await withSimulator(configuration) { simulator in
        var clientConfiguration = HTTPClient.Configuration(tlsConfiguration: tlsConfiguration)
        clientConfiguration.connectionPool = .init(idleTimeout: .seconds(5))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        do {
            let result = try await body(simulator, TestClient(client: client, baseURL: simulator.baseURL.absoluteString, token: token))
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}
