import NIOHTTP1

/// A complete, successful (2xx) response.
struct APIResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
}
