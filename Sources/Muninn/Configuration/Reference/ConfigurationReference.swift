import Foundation

/// The reference tables of docs/configuration.md, rendered from `ConfigurationKeys` and `EnvironmentVariables`
/// (`muninn config-reference`). The generated part sits between two markers so the prose around it stays
/// hand-written; a test fails when the file and the catalogue differ.
enum ConfigurationReference {
    static let beginMarker =
        "<!-- BEGIN config-reference: generated from Sources/Muninn/Configuration/Reference by `muninn config-reference --update docs/configuration.md`; do not edit by hand -->"
    static let endMarker = "<!-- END config-reference -->"

    /// The generated block, markers included.
    static func markdown(keys: [ConfigurationKey] = ConfigurationKeys.all, environment: [EnvironmentVariable] = EnvironmentVariables.all) -> String {
        var lines = [beginMarker, "", "### Every key", ""]
        lines.append("Durations are written `30s`, `5m`, `1h30m`, `500ms`, `2d` or as seconds. A secret is never printed; where a")
        lines.append("secret key has a `<key>File` twin, give one or the other. Environment variables override the file (see below).")
        lines.append("")
        lines += table(keys.filter { !$0.path.hasPrefix("destinations.<name>.") || $0.destinationTypes.isEmpty })
        lines += ["", "### Destination keys by type", ""]
        lines.append("Besides `type` (and `name` in the list form), each `type:` accepts these keys:")
        for type in ConfigurationKeys.destinationTypes {
            lines += ["", "#### `type: \(type)`", ""]
            lines += table(keys.filter { $0.destinationTypes.contains(type) }, stripping: "destinations.<name>.")
        }
        lines += ["", "### Environment variables", "", "| variable | from | sets | secret |", "|---|---|---|---|"]
        for variable in environment {
            lines.append("| `\(variable.name)` | \(variable.origin) | \(escape(variable.sets)) | \(variable.isSecret ? "yes" : "") |")
        }
        lines += ["", endMarker]
        return lines.joined(separator: "\n")
    }

    /// `document` with its generated block replaced by `markdown()`; nil when the markers are missing.
    static func updating(_ document: String, with block: String = markdown()) -> String? {
        guard let begin = document.range(of: beginMarker), let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex) else {
            return nil
        }
        return String(document[..<begin.lowerBound]) + block + String(document[end.upperBound...])
    }

    /// The generated block as it stands in `document`, markers included; nil when the markers are missing.
    static func block(in document: String) -> String? {
        guard let begin = document.range(of: beginMarker), let end = document.range(of: endMarker, range: begin.upperBound..<document.endIndex) else {
            return nil
        }
        return String(document[begin.lowerBound..<end.upperBound])
    }

    private static func table(_ keys: [ConfigurationKey], stripping prefix: String = "") -> [String] {
        var lines = ["| key | default | environment | secret | meaning |", "|---|---|---|---|---|"]
        for key in keys {
            let path = key.path.hasPrefix(prefix) ? String(key.path.dropFirst(prefix.count)) : key.path
            let environment = key.environment.map { "`\($0)`" }.joined(separator: ", ")
            lines.append("| `\(path)` | \(value(key.defaultValue)) | \(environment) | \(key.isSecret ? "yes" : "") | \(escape(key.summary)) |")
        }
        return lines
    }

    /// Literal defaults as code; prose (`required`, "all namespaces", text that already has code) as it is.
    private static func value(_ text: String) -> String {
        if text.isEmpty { return "" }
        let prose = text.contains("`") || text.contains(" ") || ["none", "required", "all", "forever"].contains(text)
        return escape(prose ? text : "`\(text)`")
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
