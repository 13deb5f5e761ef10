import NIOHTTP1

/// A destination's answer: status, headers and the (size-capped) body.
struct HTTPAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var isSuccess: Bool { (200..<300).contains(status) }
}
