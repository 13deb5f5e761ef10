import MuninnCore

/// The pieces of an alert's preceding change every destination shows, before its own markup: the sentence and
/// the head of the diff (a diff is read from the top, unlike a log).
enum PrecedingChangeText {
    /// "Started crashing 2 minutes after image of web changed v1 -> v2 (by kubectl-client-side-apply at 10:42
    /// UTC)", on one line, sanitised and clipped.
    static func sentence(_ alert: Alert) -> String? {
        alert.precedingChange.map { PlainText.clipped(PlainText.singleLine($0.sentence(for: alert)), to: 500) }
    }

    /// The unified diff (or, when there is none, one line per field change), cut to `maxLines` lines and
    /// `maxCharacters` characters from the top, with a last line saying how much was cut.
    static func diff(_ change: PrecedingChange, maxLines: Int, maxCharacters: Int) -> String {
        let full = change.unifiedDiff.isEmpty ? fieldLines(change.fieldChanges) : change.unifiedDiff
        let lines = PlainText.sanitized(full).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).reversed().drop { $0.isEmpty }.reversed()
        var kept: [String] = []
        var used = 0
        for line in lines {
            let cost = line.unicodeScalars.count + 1
            guard kept.count < maxLines, used + cost <= maxCharacters else { break }
            kept.append(line)
            used += cost
        }
        let cut = lines.count - kept.count
        if cut > 0 { kept.append("… \(cut) more line\(cut == 1 ? "" : "s") of the diff not shown") }
        return kept.joined(separator: "\n")
    }

    /// `spec.replicas: 2 -> 3`, `…env[name=MODE]: added prod`.
    static func fieldLines(_ changes: [FieldChange]) -> String {
        changes.map { change in
            switch change.operation {
            case .added: "\(change.path): added \(change.new ?? "")"
            case .removed: "\(change.path): removed (was \(change.old ?? ""))"
            case .changed: "\(change.path): \(change.old ?? "") -> \(change.new ?? "")"
            }
        }.joined(separator: "\n")
    }
}
