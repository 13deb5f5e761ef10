import Foundation
import KubeAPI

/// Pod Events and node conditions as the one-line strings of `Alert.events`.
enum EventLines {
    /// Longest line kept: an Unhealthy event can carry a whole probe response.
    static let maximumLineLength = 1_000

    /// The newest `count` events, newest last, as `Reason: message (xN)`.
    static func lines(for events: [KubeEvent], count: Int) -> [String] {
        let ordered = events.enumerated().sorted { lhs, rhs in
            let left = lhs.element.lastSeen?.date ?? .distantPast
            let right = rhs.element.lastSeen?.date ?? .distantPast
            return left == right ? lhs.offset < rhs.offset : left < right
        }
        return ordered.suffix(count).map { line(for: $0.element) }
    }

    static func line(for event: KubeEvent) -> String {
        let reason = singleLine(event.reason ?? "").isEmpty ? "Event" : singleLine(event.reason ?? "")
        var text = reason
        let message = singleLine(event.message ?? "")
        if !message.isEmpty { text += ": \(message)" }
        let repeats = event.series?.count ?? event.count ?? 1
        if repeats > 1 { text += " (x\(repeats))" }
        return capped(text)
    }

    /// Unhealthy node conditions as `Node <name>: MemoryPressure is True (reason: message)`.
    static func lines(forNode node: String, conditions: [NodeCondition]) -> [String] {
        conditions.filter(\.isUnhealthy).map { condition in
            var text = "Node \(singleLine(node)): \(singleLine(condition.type)) is \(singleLine(condition.status))"
            let detail = [condition.reason, condition.message].compactMap { $0.map(singleLine) }.filter { !$0.isEmpty }
            if !detail.isEmpty { text += " (\(detail.joined(separator: ": ")))" }
            return capped(text)
        }
    }

    private static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private static func capped(_ text: String) -> String {
        text.count > maximumLineLength ? String(text.prefix(maximumLineLength)) + "…" : text
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return self[first...last]
    }
}
