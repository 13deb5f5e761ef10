import Foundation
import KubeJSON
import Logging
import MuninnCore
import SQLiteNIO

extension SQLiteStore: ChangeStore {
    public func changeBaselines(cluster: String, resource: String) async throws(StoreError) -> [ChangeBaseline] {
        try await perform("could not read the change baselines of \(resource) in cluster \(cluster)") { connection in
            let rows = try await connection.exclusive { runner in
                try await runner.rowsOutsideTransaction(
                    """
                    SELECT namespace, name, uid, resource_version, manifest FROM change_baselines
                    WHERE cluster = ? AND resource = ? ORDER BY namespace, name
                    """, [.text(cluster), .text(resource)])
            }
            var baselines: [ChangeBaseline] = []
            baselines.reserveCapacity(rows.count)
            for row in rows.map(StoredRow.init) {
                do {
                    let manifest = try JSONValue(parsing: try row.text("manifest"))
                    baselines.append(
                        ChangeBaseline(
                            namespace: try row.text("namespace"), name: try row.text("name"), uid: row.optionalText("uid"),
                            resourceVersion: row.optionalText("resource_version"), manifest: manifest))
                } catch {
                    // Without its baseline the object is diffed as new once; refusing to start would stop every report.
                    logger.error(
                        "skipping an unreadable change baseline",
                        metadata: [
                            "cluster": "\(cluster)", "resource": "\(resource)", "namespace": "\(row.optionalText("namespace") ?? "?")",
                            "name": "\(row.optionalText("name") ?? "?")", "error": "\(error)",
                        ])
                }
            }
            return baselines
        }
    }

    public func commitChange(
        _ change: ManifestChange?, cluster: String, resource: String, namespace: String, name: String, baseline: ChangeBaseline?
    ) async throws(StoreError) {
        try await perform("could not record a change of \(resource) \(namespace.isEmpty ? "" : namespace + "/")\(name) in cluster \(cluster)") {
            connection in
            let row = try change.map { try ChangeRow($0, json: StoredJSON()) }
            let key: [SQLiteData] = [.text(cluster), .text(resource), .text(namespace), .text(name)]
            try await connection.writeTransaction { runner in
                if let row {
                    try await runner.execute(
                        "INSERT INTO changes (\(ChangeRow.columns.joined(separator: ", "))) VALUES (\(ChangeRow.placeholders)) ON CONFLICT (id) DO NOTHING",
                        row.binds)
                }
                if let baseline {
                    try await runner.execute(
                        """
                        INSERT INTO change_baselines (cluster, resource, namespace, name, uid, resource_version, manifest)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (cluster, resource, namespace, name) DO UPDATE SET
                            uid = excluded.uid, resource_version = excluded.resource_version, manifest = excluded.manifest
                        """,
                        key + [
                            baseline.uid.map { .text($0) } ?? .null, baseline.resourceVersion.map { .text($0) } ?? .null,
                            .text(baseline.manifest.serializedString()),
                        ])
                } else {
                    try await runner.execute(
                        "DELETE FROM change_baselines WHERE cluster = ? AND resource = ? AND namespace = ? AND name = ?", key)
                }
            }
        }
    }

    public func changes(_ query: ChangeQuery) async throws(StoreError) -> [ManifestChange] {
        try await perform("could not read the stored changes") { connection in
            var conditions: [String] = []
            var binds: [SQLiteData] = []
            func add(_ condition: String, _ value: SQLiteData) {
                conditions.append(condition)
                binds.append(value)
            }
            if let cluster = query.cluster { add("cluster = ?", .text(cluster)) }
            if let namespace = query.namespace { add("namespace = ?", .text(namespace)) }
            if let workload = query.workload {
                add("workload_kind = ?", .text(workload.kind))
                add("workload_name = ?", .text(workload.name))
            }
            if let kind = query.kind { add("kind = ?", .text(kind)) }
            if let name = query.name { add("name = ?", .text(name)) }
            if let since = query.since { add("observed_at >= ?", EpochMilliseconds(since).sqlite) }
            if let until = query.until { add("observed_at <= ?", EpochMilliseconds(until).sqlite) }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            binds.append(.integer(max(0, query.limit)))
            let rows = try await connection.read { runner in
                try await runner.rowsOutsideTransaction(
                    "SELECT \(ChangeRow.columns.joined(separator: ", ")) FROM changes \(whereClause) ORDER BY observed_at DESC, id DESC LIMIT ?", binds)
            }
            let json = StoredJSON()
            var changes: [ManifestChange] = []
            for row in rows.map(StoredRow.init) {
                do {
                    changes.append(try ChangeRow.change(row, json: json))
                } catch {
                    logger.warning("skipping an unreadable stored change", metadata: ["id": "\(row.optionalText("id") ?? "?")", "error": "\(error)"])
                }
            }
            return changes
        }
    }
}
