import Foundation
import MuninnCore

/// The alert `check-config` renders every template against: a crash with every field set, a preceding change, and
/// hostile text in the places the cluster controls, so a template is seen with everything it may meet.
public enum TemplateSample {
    public static let alert: Alert = {
        let changedAt = Date(timeIntervalSince1970: 1_760_000_000 - 120)
        var alert = Alert(
            id: "uid-1234/api/containerd://abc", kind: .crashed, cluster: "prod-eu", namespace: "payments", pod: "api-7f9c",
            container: "api", node: "node-a", workload: Alert.Workload(kind: "Deployment", name: "api"), image: "registry.example/api:1.4.2",
            reason: "OOMKilled", exitCode: 137, signal: 9, exitCodeMeaning: "killed by SIGKILL (often the OOM killer)",
            message: "out of memory <@here> *not bold* & [x](http://y)", restartCount: 8, restartsSeen: 3,
            occurredAt: Date(timeIntervalSince1970: 1_760_000_000),
            logs: "2025-10-09T08:53:18Z INFO handled request 41\n2025-10-09T08:53:19Z WARN heap at 97% <!channel>\npanic: runtime error",
            events: ["BackOff: Back-off restarting failed container api", "OOMKilling: Memory cgroup out of memory"],
            precedingChange: PrecedingChange(
                changeID: "change-1", kind: "Deployment", name: "api", changedAt: changedAt, changedBy: "kubectl-client-side-apply",
                summary: "image changed 1.4.1 -> 1.4.2",
                fieldChanges: [FieldChange(path: "spec.template.spec.containers[name=api].image", operation: .changed, old: "1.4.1", new: "1.4.2")],
                unifiedDiff: "-        image: registry.example/api:1.4.1\n+        image: registry.example/api:1.4.2"))
        alert.startedAt = Date(timeIntervalSince1970: 1_760_000_000 - 200)
        alert.containerID = "containerd://abc"
        return alert
    }()

    /// The manifest change change-watch templates are rendered against: an image update with a diff.
    public static let change = ManifestChange(
        id: "prod-eu/apps/v1/deployments/payments/api/uid-1/101", cluster: "prod-eu", resource: "apps/v1/deployments", kind: "Deployment",
        namespace: "payments", name: "api", uid: "uid-1", action: .updated, observedAt: Date(timeIntervalSince1970: 1_760_000_000),
        whileStopped: false, workload: Alert.Workload(kind: "Deployment", name: "api"), changedBy: "kubectl-client-side-apply",
        diff: ManifestDiff(
            fieldChanges: [FieldChange(path: "spec.template.spec.containers[name=api].image", operation: .changed, old: "1.4.1", new: "1.4.2 <!here>")],
            unifiedDiff: "--- before\n+++ after\n@@ -1 +1 @@\n-        image: registry.example/api:1.4.1\n+        image: registry.example/api:1.4.2\n"))

    /// What is wrong with a change template rendered for the sample change, or nil.
    public static func problem(renderingChange template: MessageTemplate, markup: TemplateMarkup) -> String? {
        let rendered = template.render(ChangeTemplateContext(change: change, markup: markup).values)
        if rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "renders to blank text for the sample change" }
        return markup.problem(inRendered: rendered).map { "renders to text the destination refuses for the sample change: \($0)" }
    }

    /// What is wrong with `template` rendered for the sample alert in `markup`: blank output, or markup the destination
    /// would refuse (Telegram's and Google Chat's HTML). Nil when it renders fine.
    public static func problem(rendering template: MessageTemplate, markup: TemplateMarkup) -> String? {
        let context = AlertTemplateContext(alert: alert, markup: markup, dashboardURL: "https://muninn.example.com")
        let rendered = template.render(context.values)
        if rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "renders to blank text for the sample crash alert" }
        return markup.problem(inRendered: rendered).map { "renders to text the destination refuses for the sample alert: \($0)" }
    }
}
