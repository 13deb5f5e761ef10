/// A scripted answer for one bulk item, in place of storing it.
public enum FakeElasticsearchItemAnswer: Sendable, Equatable {
    /// Stores the document as usual.
    case store
    /// Item status 429 `es_rejected_execution_exception` (the write thread pool is full), as Elasticsearch answers it.
    case rejected
    /// Item status 429 `rejected_execution_exception`, OpenSearch's name for the same.
    case openSearchRejected
    /// Item status 400 `mapper_parsing_exception` with this reason.
    case mapperParsing(String)
    /// Item status 503 `unavailable_shards_exception`.
    case unavailableShards
}
