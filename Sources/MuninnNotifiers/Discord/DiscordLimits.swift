/// Discord's message and embed limits (APIS.md §4.1), in characters (counted as UTF-16 units,
/// as Discord's JavaScript clients count them: never fewer than Discord's own count).
enum DiscordLimits {
    static let content = 2_000
    static let embeds = 10
    static let title = 256
    static let description = 4_096
    static let fields = 25
    static let fieldName = 256
    static let fieldValue = 1_024
    static let footer = 2_048
    /// Title, description, field names and values, footer and author of all embeds together.
    static let total = 6_000
}
