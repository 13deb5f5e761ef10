import KubeJSON

/// Small helpers for building objects in the server's key order.
enum JSONBuilding {
    static func object(_ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject(members))
    }

    /// A Go `map[string]string` as the apiserver writes it: keys sorted.
    static func sortedMap(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }))
    }

    static func strings(_ values: [String]) -> JSONValue {
        .array(values.map { .string($0) })
    }

    static let emptyObject = JSONValue.object(JSONObject())
}
