/// Walks a resource's objects in key order as they were at a snapshot: the current objects with
/// the `overlay` (state at the snapshot of every key written since) laid over them.
struct SnapshotCursor {
    private let keys: [ObjectKey]
    private let objects: [ObjectKey: StoredObject]
    private let overlay: [ObjectKey: StoredObject?]
    private let overlayPresent: [StoredObject]
    private let prefix: String?
    private var keyIndex: Int
    private var overlayIndex: Int

    init(keys: [ObjectKey], objects: [ObjectKey: StoredObject], overlay: [ObjectKey: StoredObject?],
         prefix: String?, after: String?) {
        self.keys = keys
        self.objects = objects
        self.overlay = overlay
        self.prefix = prefix
        let present = overlay.values.compactMap { $0 }.sorted { $0.key < $1.key }
        func inRange(_ path: String) -> Bool {
            if let prefix, !path.hasPrefix(prefix) { return false }
            if let after, path <= after { return false }
            return true
        }
        overlayPresent = present.filter { inRange($0.key.path) }
        overlayIndex = 0
        // Binary search for the first key at or after the range start.
        let lowerBound: String = {
            switch (prefix, after) {
            case (let p?, let a?): return max(p, a + "\u{0}")
            case (let p?, nil): return p
            case (nil, let a?): return a + "\u{0}"
            case (nil, nil): return ""
            }
        }()
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid].path < lowerBound { low = mid + 1 } else { high = mid }
        }
        keyIndex = low
    }

    private func currentKeyInRange(_ index: Int) -> Bool {
        guard index < keys.count else { return false }
        if let prefix { return keys[index].path.hasPrefix(prefix) }
        return true
    }

    private mutating func skipOverlaidKeys() {
        while currentKeyInRange(keyIndex), overlay[keys[keyIndex]] != nil { keyIndex += 1 }
    }

    mutating func next() -> StoredObject? {
        skipOverlaidKeys()
        let fromKeys = currentKeyInRange(keyIndex) ? keys[keyIndex] : nil
        let fromOverlay = overlayIndex < overlayPresent.count ? overlayPresent[overlayIndex] : nil
        switch (fromKeys, fromOverlay) {
        case (nil, nil):
            return nil
        case (let key?, nil):
            keyIndex += 1
            return objects[key]
        case (nil, let object?):
            overlayIndex += 1
            return object
        case (let key?, let object?):
            if key < object.key {
                keyIndex += 1
                return objects[key]
            }
            overlayIndex += 1
            return object
        }
    }

    mutating func hasMore() -> Bool {
        skipOverlaidKeys()
        return currentKeyInRange(keyIndex) || overlayIndex < overlayPresent.count
    }

    func remainingCount() -> Int {
        var copy = self
        var count = 0
        if overlay.isEmpty {
            // Fast path: count the contiguous key range without visiting objects.
            var low = copy.keyIndex
            var high = keys.count
            if let prefix {
                let end = String(prefix.dropLast()) + "0"  // '/' + 1: the first path past this namespace
                while low < high {
                    let mid = (low + high) / 2
                    if keys[mid].path < end { low = mid + 1 } else { high = mid }
                }
                return low - copy.keyIndex
            }
            return high - low
        }
        while copy.next() != nil { count += 1 }
        return count
    }
}
