import KubeJSON

/// The composable index template (`PUT _index_template/<prefix>`) that gives every daily index the Pod Monitor's
/// mapping (namespace, pod and container names `keyword`, `created_at` a `date` in epoch milliseconds, `logs` stored
/// but not indexed) plus Muninn's fields. Without it, dynamic mapping would make `created_at` a `long`, and Kibana's
/// date histogram on it would stop working.
public enum ElasticsearchIndexTemplate {
    /// Above the built-in templates (priority 100 for `logs-*-*` and friends), below what people usually give
    /// their own overrides.
    public static let priority = 200

    public static func body(prefix: String) -> JSONValue {
        func keyword() -> JSONValue { ["type": "keyword"] }
        let properties: JSONValue = [
            "namespace": keyword(),
            "pod_name": keyword(),
            "container_name": keyword(),
            "cluster_name": keyword(),
            "created_at": ["type": "date", "format": "epoch_millis"],
            "restart_count": ["type": "long"],
            "logs": ["type": "text", "index": false],
            "termination_state": ["type": "text"],
            "@timestamp": ["type": "date"],
            "incident_id": keyword(),
            "kind": keyword(),
            "reason": keyword(),
            "message": ["type": "text"],
            "exit_code": ["type": "integer"],
            "exit_code_meaning": keyword(),
            "signal": ["type": "integer"],
            "node": keyword(),
            "workload_kind": keyword(),
            "workload_name": keyword(),
            "image": keyword(),
            "events": ["type": "text"],
            "restarts_seen": ["type": "integer"],
            "seen_late": ["type": "boolean"],
            "logs_truncated": ["type": "boolean"],
            "logs_unavailable_reason": ["type": "text"],
            "summary": ["type": "text"],
        ]
        return [
            "index_patterns": [.string(prefix + "-*")],
            "priority": .int(Int64(priority)),
            "template": ["mappings": ["properties": properties]],
            "_meta": ["managed_by": "muninn", "description": "Kubernetes crash documents (Kubernetes Pod Monitor compatible)"],
        ]
    }
}
