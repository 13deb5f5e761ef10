import Foundation
import MuninnCore
import PostgresNIO

/// A `ManifestChange` as a row of `changes`: the fields the queries filter on in columns, the diff as JSONB.
struct ChangeRow: Sendable {
    /// The columns a read selects, the diff as text and the flag as a number (for `StoredRow`).
    static let selectList = """
        id, cluster, resource, kind, namespace, name, uid, action, observed_at,
        (CASE WHEN while_stopped THEN 1 ELSE 0 END)::bigint AS while_stopped, workload_kind, workload_name, changed_by, diff::text AS diff
        """

    /// Appends the change unless a change with its id is stored already.
    let insert: PostgresQuery

    /// Encoded before any transaction starts: a diff that cannot be encoded fails the call with nothing written.
    init(_ change: ManifestChange, json: StoredJSON) throws {
        let text = StorableText.self
        insert = """
            INSERT INTO changes (id, cluster, resource, kind, namespace, name, uid, action, observed_at, while_stopped, workload_kind,
                workload_name, changed_by, diff)
            VALUES (\(text.text(change.id)), \(text.text(change.cluster)), \(text.text(change.resource)), \(text.text(change.kind)),
                \(text.text(change.namespace)), \(text.text(change.name)), \(text.text(change.uid)), \(change.action.rawValue),
                \(EpochMilliseconds(change.observedAt).value), \(change.whileStopped), \(text.text(change.workload?.kind)),
                \(text.text(change.workload?.name)), \(text.text(change.changedBy)), \(try json.text(change.diff))::jsonb)
            ON CONFLICT (id) DO NOTHING
            """
    }

    /// The change a row holds; a row Muninn cannot read is a clear error naming its id.
    static func change(_ row: StoredRow, json: StoredJSON) throws -> ManifestChange {
        let id = try row.text("id")
        let actionText = try row.text("action")
        guard let action = ChangeAction(rawValue: actionText) else {
            throw StoreError("stored change \(id) has an unknown action \(actionText)")
        }
        let workload = try row.optionalText("workload_name").map { Alert.Workload(kind: try row.optionalText("workload_kind") ?? "", name: $0) }
        let diff: ManifestDiff
        do {
            diff = try json.value(ManifestDiff.self, from: try row.text("diff"))
        } catch {
            throw StoreError("the diff of stored change \(id) cannot be read: \(error)")
        }
        return ManifestChange(
            id: id, cluster: try row.text("cluster"), resource: try row.text("resource"), kind: try row.text("kind"),
            namespace: try row.text("namespace"), name: try row.text("name"), uid: try row.optionalText("uid"), action: action,
            observedAt: try row.date("observed_at"), whileStopped: try row.integer("while_stopped") != 0, workload: workload,
            changedBy: try row.optionalText("changed_by"), diff: diff)
    }
}
