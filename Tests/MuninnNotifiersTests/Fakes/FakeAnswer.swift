import KubeJSON

/// What a fake sends back.
struct FakeAnswer: Sendable {
    var status: Int = 200
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []

    static func json(_ value: JSONValue, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeAnswer {
        FakeAnswer(status: status, headers: [("Content-Type", "application/json; charset=utf-8")] + headers, body: value.serialized())
    }

    static func text(_ text: String, status: Int = 200, headers: [(name: String, value: String)] = []) -> FakeAnswer {
        FakeAnswer(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Array(text.utf8))
    }
}
