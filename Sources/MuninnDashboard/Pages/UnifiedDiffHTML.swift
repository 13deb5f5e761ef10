/// A unified diff as a `<pre>`, one escaped line per row, classed by its prefix so additions, removals and
/// hunk headers stand out. The text is hostile like any text from a cluster (a ConfigMap can hold HTML).
enum UnifiedDiffHTML {
    static func render(_ diff: String) -> String {
        var lines = diff.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var html = #"<pre class="diff">"#
        for line in lines {
            html += #"<span class="\#(style(line))">\#(HTML.escape(String(line)))</span>"#
        }
        return html + "</pre>"
    }

    private static func style(_ line: Substring) -> String {
        if line.hasPrefix("+++") || line.hasPrefix("---") { return "line file" }
        if line.hasPrefix("@@") { return "line hunk" }
        if line.hasPrefix("+") { return "line add" }
        if line.hasPrefix("-") { return "line del" }
        return "line"
    }
}
