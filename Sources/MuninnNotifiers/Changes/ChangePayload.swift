import Crypto
import Foundation
import KubeJSON
import MuninnCore

/// The JSON document for a manifest change: the webhook's body (event type `change`), the console's line and the
/// `exec` handler's stdin. Keys are always present (null when unknown); Secret values appear only as hashes, as the
/// diff carries them.
public enum ChangePayload {
    public static let version = "1"
    /// `type`, telling a receiver that gets alerts too what this is.
    public static let eventType = "change"

    public static func json(for change: ManifestChange) -> JSONValue {
        [
            "version": .string(version),
            "type": .string(eventType),
            "id": .string(change.id),
            "summary": .string(summary(change)),
            "cluster": .string(change.cluster),
            "resource": .string(change.resource),
            "kind": .string(change.kind),
            "namespace": .string(change.namespace),
            "name": .string(change.name),
            "uid": change.uid.map { .string($0) } ?? nil,
            "action": .string(change.action.rawValue),
            "observedAt": .string(AlertPayload.timestamp(change.observedAt)),
            "whileStopped": .bool(change.whileStopped),
            "workload": change.workload.map { ["kind": .string($0.kind), "name": .string($0.name)] } ?? nil,
            "changedBy": change.changedBy.map { .string($0) } ?? nil,
            "fieldChanges": .array(
                change.diff.fieldChanges.map { field -> JSONValue in
                    [
                        "path": .string(field.path), "operation": .string(field.operation.rawValue),
                        "old": field.old.map { .string($0) } ?? nil, "new": field.new.map { .string($0) } ?? nil,
                    ]
                }),
            "unifiedDiff": .string(change.diff.unifiedDiff),
            "messageId": .string(messageID(for: change)),
        ]
    }

    /// `msg_` and 32 hex digits of a hash of the change id: the same on every retry, so receivers can de-duplicate.
    public static func messageID(for change: ManifestChange) -> String {
        let digest = SHA256.hash(data: Array(change.id.utf8))
        return "msg_" + LowercaseHex.text(digest.prefix(16))
    }

    /// `UPDATE Deployment shop/api` (kwatchman's words for the action).
    public static func summary(_ change: ManifestChange) -> String {
        "\(verb(change.action)) \(change.kind) \(change.namespace.isEmpty ? "" : change.namespace + "/")\(change.name)"
    }

    /// kwatchman's title words: `ADD`, `UPDATE`, `DELETE`.
    static func verb(_ action: ChangeAction) -> String {
        switch action {
        case .added: "ADD"
        case .updated: "UPDATE"
        case .deleted: "DELETE"
        }
    }
}
