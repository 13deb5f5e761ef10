/// Block Kit and chat.postMessage limits (APIS.md §1.1), counted in characters.
enum SlackLimits {
    static let blocks = 50
    static let sectionText = 3_000
    static let sectionFields = 10
    static let fieldText = 2_000
    static let headerText = 150
    static let contextElements = 10
    /// Keep the fallback below the size Slack splits messages at.
    static let fallbackText = 3_000
    /// Undocumented total over all blocks (msg_blocks_too_long near 13,200).
    static let totalBlockText = 12_000
}
