import Foundation
import KubeJSON
import Synchronization

/// PagerDuty's Events API v2 (APIS.md §4.5): `POST /v2/enqueue`, JSON; `routing_key` of 32
/// characters, `event_action` `trigger|acknowledge|resolve`, `dedup_key` ≤ 255 (required but for
/// triggers), for triggers `payload.summary` (≤ 1,024), `source` and `severity`; body ≤ 512 KB.
/// 202 `{"status":"success","message":"Event processed","dedup_key":…}` (a UUID when none was
/// given), 400 `{"status":"invalid event","message":"Event object is invalid","errors":[…]}`.
/// Keeps the alert state per key (triggers fold, resolve closes, a later trigger reopens) and 120
/// events a minute per key, then 429 (without `Retry-After` unless configured).
public final class FakePagerDuty: Sendable {
    public struct State: Sendable {
        /// Routing keys of existing integrations.
        public var routingKeys: Set<String> = [FakePagerDuty.routingKey]
        public var perMinute = 120
        public var retryAfterSeconds: Int?
        /// Alerts by `<routing key> <dedup key>`.
        public internal(set) var alerts: [String: FakePagerDutyAlert] = [:]
        public internal(set) var rateLimited = 0
        public internal(set) var requests: [RecordedRequest] = []
        var windows: [String: FakeRateWindow] = [:]
    }

    public static let routingKey = "R0123456789ABCDEF0123456789ABCDE"

    let state = Mutex(State())
    let arrivals = Arrivals<FakePagerDutyEvent>()
    let script = FakeScript()
    let hold = FakeHold()
    let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = { Date() }) { self.now = now }

    public func update<T: Sendable>(_ change: (inout State) -> T) -> T { state.withLock { change(&$0) } }
    public var snapshot: State { state.withLock { $0 } }
    public var events: [FakePagerDutyEvent] { arrivals.items }

    /// The alert under `dedupKey` of the default integration.
    public func alert(_ dedupKey: String, routingKey: String = FakePagerDuty.routingKey) -> FakePagerDutyAlert? {
        snapshot.alerts[routingKey + " " + dedupKey]
    }

    public func waitForMessages(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [FakePagerDutyEvent] {
        try await arrivals.wait(for: count, timeout: timeout)
    }

    public func failNext(_ count: Int, with answer: FakeAnswer) { script.add(answer, count: count) }
    public func holdNext(_ count: Int) { hold.add(count) }

    static func invalid(_ errors: [String]) -> FakeAnswer {
        .json(["status": "invalid event", "message": "Event object is invalid", "errors": .array(errors.map { .string($0) })], status: 400)
    }

    public func handle(_ request: RecordedRequest) -> FakeAnswer {
        let now = now()
        return state.withLock { state in
            state.requests.append(request)
            guard request.path == "/v2/enqueue" else { return .text("Not Found", status: 404) }
            guard request.method == "POST" else { return .text("Method Not Allowed", status: 405) }
            if let answer = script.next() { return answer }
            guard request.body.count <= 512 * 1024 else { return Self.invalid(["Event object is too large (limit 512 KB)"]) }
            guard (request.header("Content-Type") ?? "").lowercased().hasPrefix("application/json"),
                let event = try? JSONValue(parsing: request.body), event.objectValue != nil
            else { return .json(["status": "invalid request", "message": "Invalid JSON", "errors": ["Could not parse the request body as JSON"]], status: 400) }
            var errors: [String] = []
            let routingKey = event["routing_key"]?.stringValue ?? ""
            if routingKey.isEmpty { errors.append("'routing_key' is missing or blank") } else if routingKey.count != 32 {
                errors.append("Length of 'routing_key' is incorrect (should be 32 characters)")
            }
            let action = event["event_action"]?.stringValue ?? ""
            if !["trigger", "acknowledge", "resolve"].contains(action) { errors.append("'event_action' is invalid (must be one of: trigger, acknowledge, resolve)") }
            let given = event["dedup_key"]?.stringValue
            if let given, given.count > 255 { errors.append("'dedup_key' is too long (must be 255 characters or fewer)") }
            if action != "trigger", given == nil { errors.append("'dedup_key' is missing or blank") }
            if action == "trigger" {
                let payload = event["payload"] ?? .null
                let summary = payload["summary"]?.stringValue ?? ""
                if summary.isEmpty { errors.append("'payload.summary' is missing or blank") } else if summary.count > 1_024 {
                    errors.append("'payload.summary' is too long (must be 1024 characters or fewer)")
                }
                if (payload["source"]?.stringValue ?? "").isEmpty { errors.append("'payload.source' is missing or blank") }
                if !["critical", "error", "warning", "info"].contains(payload["severity"]?.stringValue ?? "") {
                    errors.append("'payload.severity' is invalid (must be one of: critical, error, warning, info)")
                }
                if let details = payload["custom_details"], details.objectValue == nil, details.stringValue == nil {
                    errors.append("'payload.custom_details' must be an object")
                }
            }
            guard errors.isEmpty else { return Self.invalid(errors) }
            guard state.routingKeys.contains(routingKey) else { return Self.invalid(["'routing_key' does not belong to an integration"]) }
            var window = state.windows[routingKey] ?? FakeRateWindow([(state.perMinute, 60)])
            window.limits = [(state.perMinute, 60)]
            let wait = window.admit(at: now)
            state.windows[routingKey] = window
            if wait != nil {
                state.rateLimited += 1
                let headers = state.retryAfterSeconds.map { [(name: "Retry-After", value: String($0))] } ?? []
                return .json(["status": "throttle exceeded", "message": "Requests for this service are arriving too quickly. Please retry later."], status: 429, headers: headers)
            }
            let dedupKey = given ?? UUID().uuidString.lowercased()
            let id = routingKey + " " + dedupKey
            var applied = true
            switch (action, state.alerts[id]?.status) {
            case ("trigger", .triggered?), ("trigger", .acknowledged?): state.alerts[id]?.triggers += 1
            case ("trigger", _):
                let opened = (state.alerts[id]?.opened ?? 0) + 1
                state.alerts[id] = FakePagerDutyAlert(status: .triggered, triggers: 1, opened: opened)
            case ("acknowledge", .triggered?): state.alerts[id]?.status = .acknowledged
            case ("resolve", .triggered?), ("resolve", .acknowledged?): state.alerts[id]?.status = .resolved
            default: applied = false
            }
            arrivals.append(FakePagerDutyEvent(routingKey: routingKey, action: action, dedupKey: dedupKey, payload: event, applied: applied))
            return .json(["status": "success", "message": "Event processed", "dedup_key": .string(dedupKey)], status: 202)
        }
    }
}

/// Runs `body` with a PagerDuty fake and its enqueue URL (`http://127.0.0.1:<port>/v2/enqueue`).
@discardableResult
public func withFakePagerDuty<Result: Sendable>(_ pagerduty: FakePagerDuty = FakePagerDuty(), _ body: (FakePagerDuty, String) async throws -> Result) async throws -> Result {
    try await withFakeServer({ request in
        if pagerduty.hold.take() {
            await pagerduty.hold.wait()
            return .text("held", status: 504)
        }
        return pagerduty.handle(request)
    }) { port in
        defer { pagerduty.hold.releaseAll() }
        return try await body(pagerduty, "http://127.0.0.1:\(port)/v2/enqueue")
    }
}
