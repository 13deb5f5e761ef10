import Foundation
import KubeJSON
import MuninnCore

/// The variables a change-watch template sees for one manifest change, escaped for the destination's markup like
/// ``AlertTemplateContext``'s; `diff` is a complete block of the diff's first lines. The list is in docs/templates.md.
public struct ChangeTemplateContext {
    /// What ``MessageTemplate/render(_:)`` takes.
    public let values: [String: Any]
    /// Lines of the diff left out of `diff` by its budget.
    public let diffLinesCut: Int

    /// - Parameter diffCharacters: the budget of `diff`; destinations lower it to stay within their limits.
    public init(change: ManifestChange, markup: TemplateMarkup, diffCharacters: Int = 3_000) {
        var values: [String: Any] = [:]
        func inline(_ key: String, _ value: String?) {
            if let value, !value.isEmpty { values[key] = markup.inline(PlainText.clipped(value, to: 1_000)) }
        }
        inline("action", change.action.rawValue)
        inline("verb", ChangePayload.verb(change.action))
        inline("summary", ChangePayload.summary(change))
        inline("cluster", change.cluster)
        inline("resource", change.resource)
        inline("kind", change.kind)
        inline("namespace", change.namespace)
        inline("name", change.name)
        inline("uid", change.uid)
        inline("changedBy", change.changedBy)
        inline("observedAt", RFC3339.format(change.observedAt))
        inline("changeId", change.id)
        values["whileStopped"] = change.whileStopped
        if let workload = change.workload {
            values["workload"] = ["kind": markup.inline(workload.kind), "name": markup.inline(workload.name)]
        }
        let fields = change.diff.fieldChanges.prefix(20).map { field -> [String: Any] in
            var item: [String: Any] = ["path": markup.inline(field.path), "operation": field.operation.rawValue]
            if let old = field.old { item["old"] = markup.inline(PlainText.clipped(old, to: 300)) }
            if let new = field.new { item["new"] = markup.inline(PlainText.clipped(new, to: 300)) }
            return item
        }
        if !fields.isEmpty { values["fieldChanges"] = fields }
        var cut = 0
        if !change.diff.unifiedDiff.isEmpty {
            let total = PlainText.sanitized(change.diff.unifiedDiff).split(separator: "\n").count
            let head = Self.head(change.diff.unifiedDiff, maxCharacters: diffCharacters)
            cut = total - head.lines
            values["diff"] = markup.block(head.text)
            if cut > 0 { inline("diffCut", "\(cut) more line\(cut == 1 ? "" : "s") of the diff not shown") }
        }
        self.values = values
        diffLinesCut = cut
    }

    /// The diff's first whole lines within `maxCharacters` (a diff is read from the top).
    private static func head(_ diff: String, maxCharacters: Int) -> (text: String, lines: Int) {
        var kept: [Substring] = []
        var used = 0
        for line in PlainText.sanitized(diff).split(separator: "\n") {
            guard used + line.count + 1 <= maxCharacters else { break }
            kept.append(line)
            used += line.count + 1
        }
        return (kept.joined(separator: "\n"), kept.count)
    }

    /// Every variable and its shape, for checking change templates.
    public static let schema: [String: TemplateSchema] = {
        var schema: [String: TemplateSchema] = [:]
        for name in [
            "action", "verb", "summary", "cluster", "resource", "kind", "namespace", "name", "uid", "changedBy", "observedAt", "changeId",
            "whileStopped", "diff", "diffCut",
        ] {
            schema[name] = .value
        }
        schema["workload"] = .object(["kind": .value, "name": .value])
        schema["fieldChanges"] = .list(.object(["path": .value, "operation": .value, "old": .value, "new": .value]))
        return schema
    }()
}
