import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import MuninnCore

/// One HTTP attempt with a deadline, with transport failures classified for the outbox.
///
/// URLs of chat webhooks carry secrets, so only the host ever appears in errors and logs.
struct NotifierHTTP: Sendable {
    let client: HTTPClient
    let timeout: Duration
    /// A private CA or no verification for this destination (nil: the client's defaults).
    var tlsConfiguration: TLSConfiguration? = nil
    /// Why this destination's TLS options cannot be used: every request fails with it rather than fall back to
    /// other trust than configured (the configuration reader refuses such options before a notifier is made).
    var tlsProblem: String? = nil
    /// Bodies longer than this are cut: answers of chat APIs are small, and a proxy's error page is not.
    let maximumResponseBytes = 1 << 20

    func post(_ url: String, headers: HTTPHeaders, body: [UInt8], logger: Logger) async throws(NotifierError) -> HTTPAnswer {
        try await send(.POST, url, headers: headers, body: body, logger: logger)
    }

    func send(_ method: HTTPMethod, _ url: String, headers: HTTPHeaders, body: [UInt8], logger: Logger) async throws(NotifierError) -> HTTPAnswer {
        if let tlsProblem { throw .permanent(reason: "unusable TLS settings: \(tlsProblem)") }
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.tlsConfiguration = tlsConfiguration
        request.headers = headers
        request.body = .bytes(ByteBuffer(bytes: body))
        let host = Self.host(of: url)
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)), logger: logger)
            var buffer = try await response.body.collect(upTo: maximumResponseBytes)
            let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
            return HTTPAnswer(status: Int(response.status.code), headers: response.headers, body: bytes)
        } catch let error as HTTPClientError {
            switch error {
            case .invalidURL, .emptyHost, .emptyScheme:
                throw .permanent(reason: "invalid URL for \(host)")
            case .deadlineExceeded, .readTimeout, .connectTimeout, .tlsHandshakeTimeout, .writeTimeout:
                throw .retryable(reason: "request to \(host) timed out after \(timeout)", retryAfter: nil)
            default:
                throw .retryable(reason: "request to \(host) failed: \(error)", retryAfter: nil)
            }
        } catch is NIOTooManyBytesError {
            throw .retryable(reason: "answer from \(host) longer than \(maximumResponseBytes) bytes", retryAfter: nil)
        } catch {
            throw .retryable(reason: "request to \(host) failed: \(error)", retryAfter: nil)
        }
    }

    /// The host (and port) of a URL, safe to show: no path, query or credentials.
    static func host(of url: String) -> String {
        guard let components = URLComponents(string: url), let host = components.host else { return "the destination" }
        return components.port.map { "\(host):\($0)" } ?? host
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
