import MuninnCore

extension DeliveryLane {
    /// One indexable text per lane, the same as the SQLite store's. The destination's length comes first,
    /// so no destination or channel name, whatever characters it holds, can make two lanes share a key; a
    /// lane without a channel has no `#` part, so it differs from one with an empty channel.
    var storeKey: String {
        let head = "\(destination.utf8.count):\(destination)"
        guard let channel else { return StorableText.text(head) }
        return StorableText.text(head + "#" + channel)
    }
}
