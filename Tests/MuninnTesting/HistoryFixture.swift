import Foundation
import MuninnCore

/// Fills any `OutboxStore` the way the pipeline does (commitDetection, then commitAlert, then recordAttempt)
/// with incidents worth searching: a Java OOM and NPE, a Go panic, a start failure that was muted, a log full
/// of hostile text, and one still waiting for enrichment.
public enum HistoryFixture {
    /// 2026-11-20T08:00:00Z.
    public static let start = Date(timeIntervalSince1970: 1_795_161_600)

    public static func at(minutes: Int) -> Date { start.addingTimeInterval(TimeInterval(minutes * 60)) }

    /// How a sample's single delivery ends.
    public enum Outcome: Sendable {
        case delivered(messageID: String)
        case failed(String)
        case retrying(String)
        case suppressed(String)
        /// Left waiting for enrichment: no alert at all.
        case notEnriched
    }

    public struct Sample: Sendable {
        public var name: String
        public var cluster: String
        public var namespace: String
        public var pod: String
        public var container: String?
        public var workload: Alert.Workload?
        public var kind: Incident.Kind
        public var reason: String?
        public var exitCode: Int?
        public var message: String?
        public var logs: String?
        public var events: [String]
        public var occurredAt: Date
        public var outcome: Outcome

        public init(
            name: String, cluster: String = "prod", namespace: String, pod: String, container: String? = "app", workload: Alert.Workload? = nil,
            kind: Incident.Kind = .containerTerminated, reason: String?, exitCode: Int? = nil, message: String? = nil, logs: String? = nil,
            events: [String] = [], occurredAt: Date, outcome: Outcome
        ) {
            self.name = name
            self.cluster = cluster
            self.namespace = namespace
            self.pod = pod
            self.container = container
            self.workload = workload
            self.kind = kind
            self.reason = reason
            self.exitCode = exitCode
            self.message = message
            self.logs = logs
            self.events = events
            self.occurredAt = occurredAt
            self.outcome = outcome
        }
    }

    public static let hostileMessage = #"<script>alert("x")</script> AND -foo * "quoted" NEAR(a b) OR"#

    /// The samples, oldest first.
    public static let samples: [Sample] = [
        Sample(
            name: "oom", namespace: "shop", pod: "api-7d9f-x2", workload: Alert.Workload(kind: "Deployment", name: "api"), reason: "OOMKilled",
            exitCode: 137, message: nil,
            logs: "Started ApiApplication in 4.2 seconds\nException in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n\tat com.acme.cache.Loader.fill(Loader.java:88)\n",
            events: ["BackOff: Back-off restarting failed container app"], occurredAt: at(minutes: 0),
            outcome: .delivered(messageID: "1795161600.000100")),
        Sample(
            name: "npe", namespace: "shop", pod: "api-7d9f-x2", workload: Alert.Workload(kind: "Deployment", name: "api"), reason: "Error",
            exitCode: 1, message: "exit status 1",
            logs: "GET /orders 200\nException in thread \"main\" java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"<local1>\" is null\n\tat com.acme.orders.OrderService.total(OrderService.java:42)\n",
            occurredAt: at(minutes: 90), outcome: .failed("channel_not_found")),
        Sample(
            name: "panic", namespace: "payments", pod: "ledger-0", workload: Alert.Workload(kind: "StatefulSet", name: "ledger"), reason: "Error",
            exitCode: 2,
            logs: "level=info msg=\"ledger ready\"\npanic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a2b1c]\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:42 +0x1d\n",
            occurredAt: at(minutes: 150), outcome: .retrying("HTTP 503 from hooks.slack.com")),
        Sample(
            name: "backoff", namespace: "payments", pod: "ledger-0", workload: Alert.Workload(kind: "StatefulSet", name: "ledger"),
            kind: .cannotStart, reason: "CrashLoopBackOff", message: "back-off 5m0s restarting failed container=app pod=ledger-0",
            events: ["BackOff: Back-off restarting failed container app in pod ledger-0"], occurredAt: at(minutes: 155),
            outcome: .suppressed("muted by rule 2")),
        Sample(
            name: "hostile", namespace: "web", pod: "frontend-5c6d", workload: Alert.Workload(kind: "Deployment", name: "frontend"),
            reason: "Error", exitCode: 1, message: hostileMessage,
            logs: "\u{1B}]0;owned\u{07}\u{1B}[31mred alert\u{1B}[0m\ndial tcp 10.0.0.7:5432: connect: connection refused\n<img src=x onerror=alert(1)>\n",
            occurredAt: at(minutes: 1_500), outcome: .delivered(messageID: "1795251600.000200")),
        Sample(
            name: "queued", namespace: "shop", pod: "worker-1", container: "worker", reason: "Error", exitCode: 3,
            message: "worker exited", occurredAt: at(minutes: 1_560), outcome: .notEnriched),
    ]

    /// Stores `samples` through the outbox, one after the other; returns each sample's store id by name.
    @discardableResult
    public static func fill(_ store: any OutboxStore, samples: [Sample] = samples) async throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for sample in samples {
            let incident = incident(sample)
            try await store.commitDetection(cluster: sample.cluster, incidents: [incident], podStates: [])
            let queued = try await store.incidentsAwaitingEnrichment(limit: 1_000)
            guard let mine = queued.first(where: { $0.incident.identity == incident.identity && $0.cluster == sample.cluster }) else {
                throw StoreError("fixture: \(sample.name) was not queued")
            }
            ids[sample.name] = mine.id
            let enrichedAt = sample.occurredAt.addingTimeInterval(2)
            let lane = DeliveryLane(destination: "slack", channel: "#\(sample.name)")
            switch sample.outcome {
            case .notEnriched:
                continue
            case .suppressed(let why):
                try await store.commitAlert(incident: mine.id, alert: alert(sample, incident), deliveries: [], suppression: why, at: enrichedAt)
                continue
            case .delivered, .failed, .retrying:
                try await store.commitAlert(
                    incident: mine.id, alert: alert(sample, incident), deliveries: [PlannedDelivery(lane: lane, threadKey: sample.name)], suppression: nil,
                    at: enrichedAt)
            }
            let due = try await store.dueDeliveries(now: enrichedAt, limit: 1_000)
            guard let delivery = due.first(where: { $0.lane == lane }) else { throw StoreError("fixture: \(sample.name) has no due delivery") }
            let sentAt = enrichedAt.addingTimeInterval(1)
            switch sample.outcome {
            case .delivered(let messageID):
                try await store.recordAttempt(
                    delivery: delivery.id, outcome: .delivered(DeliveryReceipt(messageID: messageID, channel: lane.channel)), at: sentAt)
            case .failed(let error):
                try await store.recordAttempt(delivery: delivery.id, outcome: .failed(error: error), at: sentAt)
            case .retrying(let error):
                try await store.recordAttempt(delivery: delivery.id, outcome: .retry(error: error, next: sentAt.addingTimeInterval(60)), at: sentAt)
            case .suppressed, .notEnriched:
                break
            }
        }
        return ids
    }

    /// `count` plain OOM kills in one deployment, `spacing` apart from `first`, all delivered: for paging,
    /// charts and retention. Names are `bulk-0`, `bulk-1`, ...
    public static func bulk(count: Int, first: Date, spacing: TimeInterval, namespace: String = "bulk", logBytes: Int = 0) -> [Sample] {
        (0..<count).map { index in
            Sample(
                name: "bulk-\(index)", namespace: namespace, pod: "batch-\(index % 3)", workload: Alert.Workload(kind: "Deployment", name: "batch"),
                reason: index % 4 == 0 ? "Error" : "OOMKilled", exitCode: 137, message: "run \(index)",
                logs: String(repeating: "x", count: logBytes), occurredAt: first.addingTimeInterval(TimeInterval(index) * spacing),
                outcome: .delivered(messageID: "m\(index)"))
        }
    }

    public static func incident(_ sample: Sample) -> Incident {
        Incident(
            kind: sample.kind, namespace: sample.namespace, podName: sample.pod, podUID: "uid-\(sample.pod)", node: "node-1",
            container: sample.container, role: .regular, image: "registry.local/\(sample.namespace)/\(sample.pod):1.0", reason: sample.reason,
            message: sample.message, exitCode: sample.exitCode, signal: sample.exitCode == 137 ? 9 : nil,
            startedAt: sample.kind == .containerTerminated ? sample.occurredAt.addingTimeInterval(-300) : nil,
            finishedAt: sample.kind == .containerTerminated ? sample.occurredAt : nil, restartCount: 4, restartsSeen: 1,
            containerID: "containerd://\(sample.name)", identity: "uid-\(sample.pod)/\(sample.container ?? "-")/\(sample.name)",
            observedAt: sample.occurredAt)
    }

    public static func alert(_ sample: Sample, _ incident: Incident) -> Alert {
        Alert(
            id: incident.identity, kind: sample.kind == .cannotStart ? .cannotStart : .crashed, cluster: sample.cluster, namespace: sample.namespace,
            pod: sample.pod, container: sample.container, node: "node-1", workload: sample.workload, image: incident.image, reason: sample.reason,
            exitCode: sample.exitCode, signal: incident.signal,
            exitCodeMeaning: ExitCodeDescription.explain(exitCode: sample.exitCode, signal: incident.signal, reason: sample.reason),
            message: sample.message, restartCount: 4, restartsSeen: 1, occurredAt: sample.occurredAt, logs: sample.logs,
            logsUnavailableReason: sample.logs == nil ? "the container never started" : nil, events: sample.events)
    }
}

extension Dictionary where Key == String, Value == Int64 {
    /// The store id of the fixture sample `name`, from what `HistoryFixture.fill` returned.
    public func id(_ name: String) throws -> Int64 {
        guard let id = self[name] else { throw StoreError("no sample named \(name)") }
        return id
    }
}
