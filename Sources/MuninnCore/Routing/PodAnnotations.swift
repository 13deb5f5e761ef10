/// The pod annotations routing honours: kube-slack's (kept by kube-dingtalk) and Muninn's own.
public enum PodAnnotations {
    /// kube-slack: skip the pod.
    public static let kubeSlackIgnore = "kube-slack/ignore-pod"
    /// kube-slack: post this pod's alerts to this channel.
    public static let kubeSlackChannel = "kube-slack/slack-channel"
    public static let ignore = "muninn.io/ignore"
    public static let channel = "muninn.io/channel"
    /// A comma-separated list of destination names that replaces what the rules choose.
    public static let destinations = "muninn.io/destinations"

    /// kube-slack ignores a pod whose annotation has any non-empty value, even "false"; Muninn
    /// reads "false", "no", "0" and "off" as what they say and everything else non-empty as yes.
    public static func isOptOut(_ value: String?) -> Bool {
        guard let value = value?.trimmingSpaces(), !value.isEmpty else { return false }
        return !["false", "no", "0", "off"].contains(value.lowercased())
    }

    /// The annotation that opts the pod out, if any.
    static func optOutKey(in annotations: [String: String]) -> String? {
        [Self.ignore, Self.kubeSlackIgnore].first { isOptOut(annotations[$0]) }
    }

    /// The channel the pod asks for: Muninn's annotation first, then kube-slack's.
    static func requestedChannel(in annotations: [String: String]) -> String? {
        for key in [Self.channel, Self.kubeSlackChannel] {
            if let value = annotations[key]?.trimmingSpaces(), !value.isEmpty { return value }
        }
        return nil
    }

    /// The destination names the pod asks for, in order, without duplicates or empty items.
    static func requestedDestinations(in annotations: [String: String]) -> [String] {
        guard let value = annotations[Self.destinations] else { return [] }
        var names: [String] = []
        for item in value.split(separator: ",") {
            let name = item.trimmingSpaces()
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return names
    }
}
