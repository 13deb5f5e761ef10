import Foundation
import KubeJSON
import Synchronization

/// A Teams Workflows webhook trigger (APIS.md §3.2, §3.3): `/workflows/<id>/triggers/manual/paths/invoke`
/// (or the powerplatform form) with `api-version` and `sig`; no Authorization header; JSON with the
/// Bot Framework wrapper around an Adaptive Card of known element types. Answers 202 with an empty
/// body, also when the flow then fails (oversize body, `Action.Submit`), which it records as the
/// run history does. Four requests a second, then 429.
public final class FakeTeams: Sendable {
    public struct State: Sendable {
        /// Workflow id -> its `sig`.
        public var workflows: [String: String]
        /// Bodies above this fail inside the flow (still 202), or get 413 in legacy mode.
        public var maximumBodyBytes = 28_000
        /// Answer 413 for oversize bodies, as legacy connectors did.
        public var legacyConnectorMode = false
        /// `Retry-After` seconds on 429, when set (not documented for Workflows).
        public var retryAfterSeconds: Int?
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var window = FakeRateWindow([(4, 1)])
    }

    public static let elementTypes: Set<String> = [
        "TextBlock", "RichTextBlock", "FactSet", "CodeBlock", "Container", "ColumnSet", "Column", "Image", "ImageSet", "ActionSet", "Table",
    ]
    public static let actionTypes: Set<String> = ["Action.OpenUrl", "Action.ShowCard", "Action.ToggleVisibility"]

    let state: Mutex<State>
    let arrivals = Arrivals<FakeTeamsDelivery>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(workflows: [String: String] = ["wf0001": "sig-secret-0001"], now: @escaping @Sendable () -> Date = { Date() }) {
        state = Mutex(State(workflows: workflows))
        self.now = now
    }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }

    /// Every request answered 202, oldest first (check `flowFailure` for what the flow did).
    public var deliveries: [FakeTeamsDelivery] { arrivals.items }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakeTeamsDelivery] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    /// Makes the next `count` requests answer `answer` (a 429, a 502, ...).
    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }

    /// Leaves the next `count` requests unanswered until the fake stops.
    public func holdNext(_ count: Int) { hold.add(count) }

    private static func error(_ status: Int, _ code: String, _ message: String) -> FakeAnswer {
        .json(["error": ["code": .string(code), "message": .string(message)]], status: status)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            guard let workflow = Self.workflowID(request.path), let sig = state.workflows[workflow] else {
                return Self.error(404, "WorkflowNotFound", "The workflow was not found.")
            }
            guard request.method == "POST" else { return Self.error(405, "MethodNotAllowed", "POST only") }
            let query = request.query
            guard query["api-version"] != nil else {
                return Self.error(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.")
            }
            if request.header("Authorization") != nil {
                return Self.error(400, "DirectApiRequestHasMoreThanOneAuthorization", "The request has SAS authentication scheme and another authorization scheme. Only one is allowed.")
            }
            guard let given = query["sig"], given == sig else {
                return Self.error(401, "DirectApiAuthorizationRequired", "The request must be authenticated only by Shared Access scheme.")
            }
            if let answer = script.next() { return answer }
            if state.window.admit(at: now) != nil {
                state.rateLimited += 1
                let headers = state.retryAfterSeconds.map { [(name: "Retry-After", value: String($0))] } ?? []
                return Self.error(429, "WorkflowTriggeredTooFast", "Rate limit is exceeded.").with(headers: headers)
            }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json") else {
                return Self.error(400, "InvalidRequestContent", "The request content type must be application/json.")
            }
            guard let body = try? JSONValue(parsing: request.body) else {
                return Self.error(400, "InvalidRequestContent", "The request content is not valid JSON.")
            }
            if state.legacyConnectorMode, request.body.count > state.maximumBodyBytes { return .text("Request Entity too large", status: 413) }
            let card = body[path: ["attachments"]]?[0]?["content"] ?? .null
            let failure = Self.flowFailure(body, bytes: request.body.count, limit: state.maximumBodyBytes)
            arrivals.append(FakeTeamsDelivery(workflow: workflow, card: card, bodyBytes: request.body.count, flowFailure: failure))
            return FakeAnswer(status: 202)
        }
    }

    static func workflowID(_ path: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        guard let index = parts.firstIndex(of: "workflows"), parts.count == index + 6,
            parts[(index + 2)...] == ["triggers", "manual", "paths", "invoke"]
        else { return nil }
        if index > 0, parts[..<index] != ["powerautomate", "automations", "direct"] { return nil }
        return parts[index + 1]
    }

    /// What the template flow would fail on, after having answered 202.
    static func flowFailure(_ body: JSONValue, bytes: Int, limit: Int) -> String? {
        if bytes > limit { return "Request Entity too large (\(bytes) bytes)" }
        guard body["type"]?.stringValue == "message" else { return "type is not \"message\"" }
        guard let attachments = body["attachments"]?.arrayValue, let first = attachments.first else {
            return "'@triggerOutputs()?['body']?['attachments']' is of type 'Null'"
        }
        guard first["contentType"]?.stringValue == "application/vnd.microsoft.card.adaptive" else { return "contentType is not an Adaptive Card" }
        let card = first["content"] ?? .null
        guard card["type"]?.stringValue == "AdaptiveCard" else { return "content.type is not AdaptiveCard" }
        guard card["version"]?.stringValue != nil else { return "content.version is missing" }
        guard let elements = card["body"]?.arrayValue else { return "content.body is not an array" }
        return check(elements) ?? checkActions(card["actions"]?.arrayValue ?? [])
    }

    private static func check(_ elements: [JSONValue]) -> String? {
        for element in elements {
            let type = element["type"]?.stringValue ?? "(none)"
            guard elementTypes.contains(type) else { return "unknown element type \(type)" }
            if type == "RichTextBlock" {
                for inline in element["inlines"]?.arrayValue ?? [] where inline["type"]?.stringValue != "TextRun" {
                    return "RichTextBlock inline of type \(inline["type"]?.stringValue ?? "(none)")"
                }
            }
            if type == "CodeBlock", element["codeSnippet"]?.stringValue == nil { return "CodeBlock without codeSnippet" }
            for key in ["items", "columns"] {
                if let nested = element[key]?.arrayValue, let problem = check(nested) { return problem }
            }
            if let actions = element["actions"]?.arrayValue, let problem = checkActions(actions) { return problem }
        }
        return nil
    }

    private static func checkActions(_ actions: [JSONValue]) -> String? {
        for action in actions {
            let type = action["type"]?.stringValue ?? "(none)"
            if type == "Action.Submit" || type == "Action.Execute" { return "\(type) needs a bot" }
            guard actionTypes.contains(type) else { return "unknown action type \(type)" }
        }
        return nil
    }

    static func texts(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            var texts: [String] = []
            for (key, member) in object {
                if ["text", "codeSnippet", "value", "title"].contains(key), let text = member.stringValue { texts.append(text) }
                texts += Self.texts(in: member)
            }
            return texts
        case .array(let values): return values.flatMap { texts(in: $0) }
        default: return []
        }
    }

    static func markdownTexts(in value: JSONValue) -> [String] {
        switch value {
        case .object(let object):
            var texts: [String] = []
            if object["type"]?.stringValue == "TextBlock", let text = object["text"]?.stringValue { texts.append(text) }
            if object["type"]?.stringValue == "FactSet" {
                texts += (object["facts"]?.arrayValue ?? []).compactMap { $0["value"]?.stringValue }
            }
            for (_, member) in object { texts += markdownTexts(in: member) }
            return texts
        case .array(let values): return values.flatMap { markdownTexts(in: $0) }
        default: return []
        }
    }
}

extension FakeAnswer {
    func with(headers extra: [(name: String, value: String)]) -> FakeAnswer {
        var copy = self
        copy.headers += extra
        return copy
    }
}

/// Runs `body` with a Teams fake and the trigger URL of its first workflow
/// (`http://127.0.0.1:<port>/workflows/wf0001/triggers/manual/paths/invoke?api-version=...&sig=...`).
@discardableResult
public func withFakeTeams<Result: Sendable>(_ teams: FakeTeams = FakeTeams(), _ body: (FakeTeams, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if teams.hold.take() {
            await teams.hold.wait()
            return .text("held", status: 504)
        }
        return teams.handle(request)
    }) { port in
        defer { teams.hold.releaseAll() }
        let (id, sig) = teams.snapshot.workflows.sorted { $0.key < $1.key }.first ?? ("none", "none")
        return try await body(
            teams, "http://127.0.0.1:\(port)/workflows/\(id)/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=\(sig)")
    }
}
