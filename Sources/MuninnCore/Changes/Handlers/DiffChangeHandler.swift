/// kwatchman's `diff`: stops the chain when nothing a user changed differs. The change watch already drops events
/// whose diff under the resource's policy is empty (status-only, resourceVersion-only), so this handler matters when
/// it ignores more paths than the policy (`extraIgnoredPaths`); it always continues for additions and deletions.
public struct DiffChangeHandler: ChangeHandler {
    public let name = "diff"
    public var extraIgnoredPaths: [String]

    public init(extraIgnoredPaths: [String] = []) {
        self.extraIgnoredPaths = extraIgnoredPaths
    }

    public func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        guard change.action == .updated else { return .continue }
        guard !extraIgnoredPaths.isEmpty else { return change.diff.isEmpty ? .stop : .continue }
        var policy = context.policy
        policy.ignoredPaths += extraIgnoredPaths
        return context.differ.diff(old: context.old, new: context.new, policy: policy).isEmpty ? .stop : .continue
    }
}
