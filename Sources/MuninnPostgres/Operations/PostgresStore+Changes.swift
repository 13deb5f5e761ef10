import Foundation
import KubeJSON
import Logging
import MuninnCore
import PostgresNIO

extension PostgresStore: ChangeStore {
    public func changeBaselines(cluster: String, resource: String) async throws(StoreError) -> [ChangeBaseline] {
        try await perform("could not read the change baselines of \(resource) in cluster \(cluster)") { database in
            let query: PostgresQuery = """
                SELECT namespace, name, uid, resource_version, manifest FROM change_baselines
                WHERE cluster = \(StorableText.text(cluster)) AND resource = \(StorableText.text(resource))
                ORDER BY namespace COLLATE "C", name COLLATE "C"
                """
            let rows = try await database.withConnection { runner in try await runner.rows(query) }
            var baselines: [ChangeBaseline] = []
            baselines.reserveCapacity(rows.count)
            for row in rows.map(StoredRow.init) {
                do {
                    let manifest = try JSONValue(parsing: try row.text("manifest"))
                    baselines.append(
                        ChangeBaseline(
                            namespace: try row.text("namespace"), name: try row.text("name"), uid: try row.optionalText("uid"),
                            resourceVersion: try row.optionalText("resource_version"), manifest: manifest))
                } catch {
                    // Without its baseline the object is diffed as new once; refusing to start would stop every report.
                    logger.error(
                        "skipping an unreadable change baseline",
                        metadata: [
                            "cluster": "\(cluster)", "resource": "\(resource)", "namespace": "\((try? row.optionalText("namespace")) ?? "?")",
                            "name": "\((try? row.optionalText("name")) ?? "?")", "error": "\(error)",
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
            database in
            let insert = try change.map { try ChangeRow($0, json: StoredJSON()).insert }
            let text = StorableText.self
            let baselineWrite: PostgresQuery
            if let baseline {
                baselineWrite = """
                    INSERT INTO change_baselines (cluster, resource, namespace, name, uid, resource_version, manifest)
                    VALUES (\(text.text(cluster)), \(text.text(resource)), \(text.text(namespace)), \(text.text(name)),
                        \(text.text(baseline.uid)), \(text.text(baseline.resourceVersion)), \(baseline.manifest.serializedString()))
                    ON CONFLICT (cluster, resource, namespace, name) DO UPDATE SET
                        uid = excluded.uid, resource_version = excluded.resource_version, manifest = excluded.manifest
                    """
            } else {
                baselineWrite = """
                    DELETE FROM change_baselines
                    WHERE cluster = \(text.text(cluster)) AND resource = \(text.text(resource)) AND namespace = \(text.text(namespace))
                        AND name = \(text.text(name))
                    """
            }
            try await database.transaction { runner in
                if let insert { try await runner.execute(insert) }
                try await runner.execute(baselineWrite)
            }
        }
    }

    public func changes(_ query: ChangeQuery) async throws(StoreError) -> [ManifestChange] {
        try await perform("could not read the stored changes") { database in
            var sql = BoundSQL()
            var conditions: [String] = []
            if let cluster = query.cluster { conditions.append("cluster = \(sql.bind(cluster))") }
            if let namespace = query.namespace { conditions.append("namespace = \(sql.bind(namespace))") }
            if let workload = query.workload {
                conditions.append("workload_kind = \(sql.bind(workload.kind))")
                conditions.append("workload_name = \(sql.bind(workload.name))")
            }
            if let kind = query.kind { conditions.append("kind = \(sql.bind(kind))") }
            if let name = query.name { conditions.append("name = \(sql.bind(name))") }
            if let since = query.since { conditions.append("observed_at >= \(sql.bind(EpochMilliseconds(since).value))") }
            if let until = query.until { conditions.append("observed_at <= \(sql.bind(EpochMilliseconds(until).value))") }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            // Byte order for the tie-breaker, as SQLite and Swift compare ids (a locale's collation would not).
            let text = """
                SELECT \(ChangeRow.selectList) FROM changes \(whereClause)
                ORDER BY observed_at DESC, id COLLATE "C" DESC LIMIT \(sql.bind(Int64(max(0, query.limit))))
                """
            let statement = sql.query(text)
            let rows = try await database.withConnection { runner in try await runner.rows(statement) }
            let json = StoredJSON()
            var changes: [ManifestChange] = []
            for row in rows.map(StoredRow.init) {
                do {
                    changes.append(try ChangeRow.change(row, json: json))
                } catch {
                    logger.warning(
                        "skipping an unreadable stored change", metadata: ["id": "\((try? row.optionalText("id")).flatMap { $0 } ?? "?")", "error": "\(error)"])
                }
            }
            return changes
        }
    }
}
