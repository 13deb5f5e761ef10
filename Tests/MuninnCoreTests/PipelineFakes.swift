import Foundation
import Logging
import MuninnCore
import Synchronization

/// A destination for the delivery stage whose answers are scripted per call; it records every call and
/// announces it on `calls`, so tests wait for attempts instead of sleeping.
final class ScriptedDispatch: Sendable {
    struct Call: Sendable, Equatable {
        var alertID: String
        var lane: DeliveryLane
        var threadID: String?
    }

    private struct State {
        var answers: [Result<DeliveryReceipt, NotifierError>] = []
        var laneAnswers: [DeliveryLane: [Result<DeliveryReceipt, NotifierError>]] = [:]
        var calls: [Call] = []
        var messageCounter = 0
    }

    private let state = Mutex(State())
    let calls: AsyncStream<Call>
    private let continuation: AsyncStream<Call>.Continuation

    /// - Parameters:
    ///   - answers: the answers to the first calls, whatever their lane.
    ///   - laneAnswers: the answers to the first calls of one lane (for tests where lanes run concurrently).
    init(
        answers: [Result<DeliveryReceipt, NotifierError>] = [], laneAnswers: [DeliveryLane: [Result<DeliveryReceipt, NotifierError>]] = [:]
    ) {
        (calls, continuation) = AsyncStream.makeStream(of: Call.self)
        state.withLock {
            $0.answers = answers
            $0.laneAnswers = laneAnswers
        }
    }

    var recorded: [Call] { state.withLock { $0.calls } }

    /// The next calls answer these, in order; after them every call succeeds with a fresh message id.
    func script(_ answers: [Result<DeliveryReceipt, NotifierError>]) {
        state.withLock { $0.answers += answers }
    }

    var dispatch: DeliveryService.Dispatch {
        { alert, lane, threadID, _ throws(NotifierError) in
            let call = Call(alertID: alert.id, lane: lane, threadID: threadID)
            let answer = self.state.withLock { state -> Result<DeliveryReceipt, NotifierError> in
                state.calls.append(call)
                state.messageCounter += 1
                if let scripted = state.laneAnswers[lane], let answer = scripted.first {
                    state.laneAnswers[lane] = Array(scripted.dropFirst())
                    return answer
                }
                // Like a chat app with threads: a reply names its parent.
                return state.answers.isEmpty
                    ? .success(DeliveryReceipt(messageID: "m\(state.messageCounter)", threadID: threadID)) : state.answers.removeFirst()
            }
            self.continuation.yield(call)
            return try answer.get()
        }
    }
}

enum PipelineSamples {
    static func incident(_ number: Int, container: String = "web", reason: String = "Error") -> Incident {
        Incident(
            kind: .containerTerminated, namespace: "shop", podName: "web-\(number)", podUID: "u-\(number)", container: container, reason: reason,
            exitCode: 1, restartCount: 1, restartsSeen: 1, identity: "u-\(number)/\(container)/c\(number)",
            observedAt: Date(timeIntervalSince1970: 1_800_000_000))
    }

    /// Queues `incidents` and enriches them straight into deliveries on `lanes` (the first two stages, done by hand).
    static func queue(
        _ incidents: [Incident], lanes: [DeliveryLane], threadKey: String? = nil, in store: some OutboxStore, at date: Date
    ) async throws {
        try await store.commitDetection(cluster: "prod", incidents: incidents, podStates: [])
        for queued in try await store.incidentsAwaitingEnrichment(limit: 1000) {
            let alert = Alert(
                id: queued.incident.identity, kind: .crashed, cluster: "prod", namespace: "shop", pod: queued.incident.podName,
                container: queued.incident.container, reason: queued.incident.reason, occurredAt: date)
            try await store.commitAlert(
                incident: queued.id, alert: alert, deliveries: lanes.map { PlannedDelivery(lane: $0, threadKey: threadKey) }, suppression: nil,
                at: date)
        }
    }
}
