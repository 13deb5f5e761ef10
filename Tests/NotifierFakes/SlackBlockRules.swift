import KubeJSON

/// Block Kit validation as Slack applies it to chat.postMessage and webhooks (APIS.md §1.1, §1.6).
public enum SlackBlockRules {
    public static let knownTypes: Set<String> = ["section", "header", "context", "divider", "rich_text", "actions", "image", "markdown", "input", "file", "video"]

    /// nil when valid, else the Slack error code.
    public static func check(_ blocks: [JSONValue], totalLimit: Int) -> String? {
        if blocks.count > 50 { return "invalid_blocks" }
        var total = 0
        for block in blocks {
            guard let type = block["type"]?.stringValue, knownTypes.contains(type) else { return "invalid_blocks" }
            switch type {
            case "header":
                guard block[path: ["text", "type"]]?.stringValue == "plain_text", let text = block[path: ["text", "text"]]?.stringValue,
                    text.unicodeScalars.count <= 150, !text.isEmpty
                else { return "invalid_blocks" }
                total += text.unicodeScalars.count
            case "section":
                let text = block[path: ["text", "text"]]?.stringValue
                let fields = block["fields"]?.arrayValue
                if text == nil && fields == nil { return "invalid_blocks" }
                if let text {
                    if text.unicodeScalars.count > 3_000 || text.isEmpty { return "invalid_blocks" }
                    total += text.unicodeScalars.count
                }
                if let fields {
                    if fields.count > 10 || fields.isEmpty { return "invalid_blocks" }
                    for field in fields {
                        guard let fieldText = field["text"]?.stringValue, !fieldText.isEmpty, fieldText.unicodeScalars.count <= 2_000 else {
                            return "invalid_blocks"
                        }
                        total += fieldText.unicodeScalars.count
                    }
                }
            case "context":
                guard let elements = block["elements"]?.arrayValue, !elements.isEmpty, elements.count <= 10 else { return "invalid_blocks" }
                for element in elements { total += element["text"]?.stringValue?.unicodeScalars.count ?? 0 }
            default: break
            }
        }
        return total > totalLimit ? "msg_blocks_too_long" : nil
    }

    /// The mrkdwn texts of the blocks (sections, fields, context elements).
    public static func mrkdwnTexts(_ blocks: [JSONValue]) -> [String] {
        var texts: [String] = []
        for block in blocks {
            if block[path: ["text", "type"]]?.stringValue == "mrkdwn", let text = block[path: ["text", "text"]]?.stringValue { texts.append(text) }
            for field in block["fields"]?.arrayValue ?? [] { if let text = field["text"]?.stringValue { texts.append(text) } }
            for element in block["elements"]?.arrayValue ?? [] where element["type"]?.stringValue == "mrkdwn" {
                if let text = element["text"]?.stringValue { texts.append(text) }
            }
        }
        return texts
    }

    /// Special sequences that would notify people or make links: `<!channel>`, `<@U1>`, `<#C1>`,
    /// `<https://...|...>`. Date formatting (`<!date^...>`) is allowed.
    public static func pings(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            let close = after.firstIndex(of: ">") ?? after.endIndex
            let inner = after[..<close]
            if !inner.hasPrefix("!date^") { found.append(String(inner)) }
            rest = after
        }
        return found
    }
}
