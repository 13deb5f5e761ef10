import Foundation
import KubeJSON

/// Turns store events into watch-stream lines: one compact JSON object and `\n` per event
/// (PROTOCOL.md §4.2), as full objects or, for kubectl, one-row Tables (§14).
struct WatchEventEncoder {
    let simulator: Simulator
    let definition: ResourceDefinition
    let tableVersion: String?
    /// Table events carry column definitions only in the first event.
    private var sentColumns = false

    init(simulator: Simulator, definition: ResourceDefinition, tableVersion: String?) {
        self.simulator = simulator
        self.definition = definition
        self.tableVersion = tableVersion
    }

    mutating func event(_ type: WatchEventType, _ object: StoredObject) -> [UInt8] {
        if let tableVersion, let parsed = try? JSONValue(parsing: simulator.listItemBytes(definition, object)) {
            let table = TableRenderer.table(
                definition: definition, objects: [parsed], resourceVersion: String(object.resourceVersion),
                continueToken: nil, remainingItemCount: nil, includeColumns: !sentColumns, tableVersion: tableVersion,
                now: simulator.configuration.now())
            sentColumns = true
            return Self.line(type, table.serialized())
        }
        return Self.line(type, simulator.responseBytes(definition, object))
    }

    func bookmark(_ resourceVersion: Int64, initialEventsEnd: Bool) -> [UInt8] {
        var metadata = JSONObject([("resourceVersion", .string(String(resourceVersion)))])
        if initialEventsEnd { metadata["annotations"] = ["k8s.io/initial-events-end": "true"] }
        let object: JSONValue = [
            "kind": .string(definition.kind), "apiVersion": .string(definition.apiVersion), "metadata": .object(metadata),
        ]
        return Self.line(.bookmark, object.serialized())
    }

    static func error(_ status: APIStatus) -> [UInt8] {
        line(.error, status.json.serialized())
    }

    static func line(_ type: WatchEventType, _ object: [UInt8]) -> [UInt8] {
        var output: [UInt8] = Array(#"{"type":""#.utf8)
        output.append(contentsOf: type.rawValue.utf8)
        output.append(contentsOf: #"","object":"#.utf8)
        output.append(contentsOf: object)
        output.append(contentsOf: "}\n".utf8)
        return output
    }
}
