/// A store that can say how many deliveries are still pending, so a shutdown can tell the operator how many
/// alerts wait for the next start. Optional: the delivery stage works without it.
public protocol PendingDeliveryCounting: Sendable {
    /// Deliveries neither delivered nor failed, across lanes and clusters.
    func pendingDeliveryCount() async throws(StoreError) -> Int
}
