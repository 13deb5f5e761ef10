/// What a store says it was doing when a batch write failed, the same for every store: the one id of a single
/// write, every id of a short batch, the first ids and a count of a long one (a batch of outcomes holds up to 256).
public enum StoreBatchAction {
    /// Ids named in full before the rest is counted.
    static let namedIDs = 8

    /// "could not save the alert of incident 7" or "could not save the alerts of incidents 7, 8, 9".
    public static func text(_ verb: String, one: String, many: String, ids: [Int64]) -> String {
        guard ids.count > 1 else { return "could not \(verb) \(one) \(ids.first.map(String.init) ?? "")" }
        let named = ids.prefix(namedIDs).map(String.init).joined(separator: ", ")
        let rest = ids.count > namedIDs ? " and \(ids.count - namedIDs) more" : ""
        return "could not \(verb) \(many) \(named)\(rest)"
    }
}

extension [AlertCommit] {
    /// The failure text of `OutboxStore.commitAlerts` for this batch.
    public var storeAction: String {
        StoreBatchAction.text("save", one: "the alert of incident", many: "the alerts of incidents", ids: map(\.incident))
    }
}

extension [DeliveryAttempt] {
    /// The failure text of `OutboxStore.recordAttempts` for this batch.
    public var storeAction: String {
        StoreBatchAction.text("record", one: "the attempt of delivery", many: "the attempts of deliveries", ids: map(\.delivery))
    }
}
