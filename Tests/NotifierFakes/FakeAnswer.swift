import KubeJSON

/// What a fake sends back.
public struct FakeAnswer: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public static func json(_ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeAnswer {
        FakeAnswer(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: value.serialized())
    }

    public static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeAnswer {
        FakeAnswer(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Array(text.utf8))
    }
}
