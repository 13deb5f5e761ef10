import Foundation
import KubeJSON
import Synchronization

/// A local Elasticsearch (or OpenSearch) for `_bulk` and `_index_template` (APIS.md §5.1).
///
/// Enforces: the content type (`application/x-ndjson` or `application/json`, else 406), credentials when
/// `authorization` is set (401 `security_exception`), the NDJSON shape (an action line with one of `index`,
/// `create`, `update`, `delete`, then a source line, the body ending in `\n`: else 400 `illegal_argument_exception`),
/// index names (item 400 `invalid_index_name_exception`), `create` on an existing `_id` (item 409
/// `version_conflict_engine_exception`), field types from the matching index template or from dynamic mapping (item
/// 400 `document_parsing_exception`), and a body size cap (413). Answers HTTP 200 with `errors` and the items in
/// request order. Scripts: whole-request answers (`failNext`), per-item answers (`scriptItems`), held requests.
public final class FakeElasticsearch: Sendable {
    public struct State: Sendable {
        /// Answers that replace the next requests' outcomes, in order.
        public var scripted: [FakeAnswer] = []
        /// Answers for the next bulk items, in order, across requests.
        public var itemScript: [FakeElasticsearchItemAnswer] = []
        /// Every request, accepted or not.
        public internal(set) var requests: [RecordedRequest] = []
        /// Stored documents by index, then `_id`.
        public internal(set) var indices: [String: [String: FakeElasticsearchDocument]] = [:]
        /// Index templates by name, as sent.
        public internal(set) var templates: [String: JSONValue] = [:]
        /// Times a document replaced one with the same `_id`.
        public internal(set) var overwrites = 0
        var mappings: [String: FakeElasticsearchMapping] = [:]

        /// Every stored document, by index then `_id`.
        public var documents: [FakeElasticsearchDocument] {
            indices.keys.sorted().flatMap { index in (indices[index] ?? [:]).values.sorted { $0.id < $1.id } }
        }
    }

    /// The `Authorization` header value required, nil for a cluster without security.
    let authorization: String?
    /// Bodies over this many bytes are refused with 413 (`http.max_content_length`, 100 MB by default).
    let maximumBodyBytes: Int
    let state = Mutex(State())
    let arrivals = Arrivals<FakeElasticsearchDocument>()
    let hold = FakeHold()
    let lostAnswers = FakeHold()

    public init(authorization: String? = nil, maximumBodyBytes: Int = 100 << 20) {
        self.authorization = authorization
        self.maximumBodyBytes = maximumBodyBytes
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every document write accepted (a replacement counts again), oldest first.
    public var writes: [FakeElasticsearchDocument] { arrivals.items }

    /// Waits until `count` document writes were accepted.
    public func waitForDocuments(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeElasticsearchDocument] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` requests answer `answer` (a whole-request 429, a 503, ...).
    public func failNext(_ count: Int, with answer: FakeAnswer) {
        update { $0.scripted.append(contentsOf: Array(repeating: answer, count: count)) }
    }

    /// Answers the next bulk items as given, in order (`.store` lets one through).
    public func scriptItems(_ answers: [FakeElasticsearchItemAnswer]) { update { $0.itemScript.append(contentsOf: answers) } }

    /// Leaves the next `count` requests unanswered (and unprocessed) until the fake stops: the client times out.
    public func holdNext(_ count: Int) { hold.add(count) }

    /// Processes the next `count` requests (documents are stored) but never answers them until the fake stops, as when
    /// the connection drops after the server did its work: the client times out and sends the same thing again.
    public func loseNextAnswers(_ count: Int) { lostAnswers.add(count) }

    /// A whole-request 429 as Elasticsearch sends it when indexing pressure is too high (no `Retry-After`).
    public static let tooManyRequests = FakeElasticsearchBulkError.answer(
        status: 429, type: "es_rejected_execution_exception", reason: "rejected execution of coordinating operation")

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        state.withLock { state in
            state.requests.append(request)
            if !state.scripted.isEmpty { return state.scripted.removeFirst() }
            if let authorization, request.header("Authorization") != authorization {
                return FakeElasticsearchBulkError.answer(
                    status: 401, type: "security_exception", reason: "missing authentication credentials for REST request [\(request.path)]")
            }
            let segments = request.path.split(separator: "/").map(String.init)
            switch (request.method, segments.count, segments.last ?? "") {
            case ("POST", 1, "_bulk"), ("PUT", 1, "_bulk"): return bulk(request, defaultIndex: nil, state: &state)
            case ("POST", 2, "_bulk"), ("PUT", 2, "_bulk"): return bulk(request, defaultIndex: segments[0], state: &state)
            case ("PUT", 2, _) where segments[0] == "_index_template":
                guard let body = try? JSONValue(parsing: request.body), body["index_patterns"]?.arrayValue != nil else {
                    return FakeElasticsearchBulkError.answer(status: 400, type: "x_content_parse_exception", reason: "[index_template] index_patterns is required")
                }
                state.templates[segments[1]] = body
                return .json(["acknowledged": true])
            default:
                return FakeElasticsearchBulkError.answer(
                    status: 404, type: "resource_not_found_exception", reason: "no handler for [\(request.method) \(request.path)] in this fake")
            }
        }
    }
}

/// Runs `body` with a fake Elasticsearch and its base URL (`http://127.0.0.1:<port>`).
@discardableResult
public func withFakeElasticsearch<Result: Sendable>(
    _ fake: FakeElasticsearch = FakeElasticsearch(), _ body: (FakeElasticsearch, String) async throws -> Result
) async throws -> Result {
    try await withFakeServer({ request in
        if fake.hold.take() {
            await fake.hold.wait()
            return .text("held", status: 504)
        }
        if fake.lostAnswers.take() {
            let answer = fake.handle(request)
            await fake.lostAnswers.wait()
            return answer
        }
        return fake.handle(request)
    }) { port in
        defer {
            fake.hold.releaseAll()
            fake.lostAnswers.releaseAll()
        }
        return try await body(fake, "http://127.0.0.1:\(port)")
    }
}
