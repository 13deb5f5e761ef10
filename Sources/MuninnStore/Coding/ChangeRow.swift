import Foundation
import MuninnCore
import SQLiteNIO

/// A `ManifestChange` as a row of `changes`: the fields the queries filter on in columns, the diff as JSON.
struct ChangeRow {
    static let columns = [
        "id", "cluster", "resource", "kind", "namespace", "name", "uid", "action", "observed_at", "while_stopped", "workload_kind",
        "workload_name", "changed_by", "diff",
    ]
    static var placeholders: String { Array(repeating: "?", count: columns.count).joined(separator: ", ") }

    let binds: [SQLiteData]

    /// Encoded before any transaction starts: a diff that cannot be encoded fails the call with nothing written.
    init(_ change: ManifestChange, json: StoredJSON) throws {
        binds = [
            .text(change.id), .text(change.cluster), .text(change.resource), .text(change.kind), .text(change.namespace), .text(change.name),
            Self.optional(change.uid), .text(change.action.rawValue), EpochMilliseconds(change.observedAt).sqlite,
            .integer(change.whileStopped ? 1 : 0), Self.optional(change.workload?.kind), Self.optional(change.workload?.name),
            Self.optional(change.changedBy), .text(try json.text(change.diff)),
        ]
    }

    /// The change a row holds; a row Muninn cannot read is a clear error naming its id.
    static func change(_ row: StoredRow, json: StoredJSON) throws -> ManifestChange {
        let id = try row.text("id")
        let actionText = try row.text("action")
        guard let action = ChangeAction(rawValue: actionText) else {
            throw StoreError("stored change \(id) has an unknown action \(actionText)")
        }
        let workload = row.optionalText("workload_name").map { Alert.Workload(kind: row.optionalText("workload_kind") ?? "", name: $0) }
        let diff: ManifestDiff
        do {
            diff = try json.value(ManifestDiff.self, from: try row.text("diff"))
        } catch {
            throw StoreError("the diff of stored change \(id) cannot be read: \(error)")
        }
        return ManifestChange(
            id: id, cluster: try row.text("cluster"), resource: try row.text("resource"), kind: try row.text("kind"),
            namespace: try row.text("namespace"), name: try row.text("name"), uid: row.optionalText("uid"), action: action,
            observedAt: try row.date("observed_at"), whileStopped: try row.integer("while_stopped") != 0, workload: workload,
            changedBy: row.optionalText("changed_by"), diff: diff)
    }

    private static func optional(_ value: String?) -> SQLiteData { value.map { .text($0) } ?? .null }
}
