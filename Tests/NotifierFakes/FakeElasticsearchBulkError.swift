import KubeJSON

/// An answer for a whole bulk request the fake refuses, shaped like Elasticsearch's error bodies.
enum FakeElasticsearchBulkError {
    static func answer(status: Int, type: String, reason: String) -> FakeAnswer {
        let error: JSONValue = ["type": .string(type), "reason": .string(reason)]
        return .json(["error": ["root_cause": [error], "type": .string(type), "reason": .string(reason)], "status": .int(Int64(status))], status: status)
    }

    static func illegalArgument(_ reason: String) -> FakeAnswer {
        answer(status: 400, type: "illegal_argument_exception", reason: reason)
    }

    static func item(status: Int, type: String, reason: String, index: String) -> JSONValue {
        ["type": .string(type), "reason": .string(reason), "index": .string(index)]
    }
}
