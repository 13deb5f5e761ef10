import Foundation

/// Tells Workflows webhook URLs from the retired Office 365 connector URLs, which Microsoft
/// disabled in May 2026 (`https://<tenant>.webhook.office.com/webhookb2/...`,
/// `https://outlook.office.com/webhook/...`).
public enum TeamsWebhookURL {
    /// Why `url` cannot be used, or nil when it can: a retired connector URL, or not an http(s) URL.
    public static func problem(_ url: String) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let host = components.host?.lowercased(), !host.isEmpty
        else { return "expected the https:// URL of a Teams Workflows webhook" }
        let path = components.path.lowercased()
        let retired = (host.hasSuffix(".webhook.office.com") || host == "webhook.office.com") && path.hasPrefix("/webhookb2/")
            || (host == "outlook.office.com" || host == "outlook.office365.com") && path.hasPrefix("/webhook/")
        guard !retired else { return retiredMessage }
        return nil
    }

    public static let retiredMessage =
        "this is an Office 365 connector URL (webhook.office.com/webhookb2); Microsoft retired those connectors in 2026 "
        + "and they no longer deliver. Create a Workflows webhook instead: in the Teams channel choose ... > Workflows > "
        + "\"Send webhook alerts to a channel\", finish the template and use the URL it shows (docs/destinations.md#microsoft-teams)"
}
