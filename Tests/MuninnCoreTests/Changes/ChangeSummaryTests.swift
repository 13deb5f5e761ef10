import Foundation
import KubeJSON
import MuninnCore
import Testing

/// The change in words for crash alerts: images first, then a rollout restart, replicas, env, resources, others.
@Suite struct ChangeSummaryTests {
    @Test func imageFirstThenReplicasThenTheRestCounted() {
        let changes = [
            FieldChange(path: "metadata.labels.team", operation: .changed, old: "a", new: "b"),
            FieldChange(path: "spec.replicas", operation: .changed, old: "2", new: "3"),
            FieldChange(path: "spec.template.spec.containers[name=web].env[name=MODE].value", operation: .changed, old: "x", new: "y"),
            FieldChange(path: "spec.template.spec.containers[name=web].image", operation: .changed, old: "shop/web:v1", new: "shop/web:v2"),
            FieldChange(path: "spec.template.spec.containers[name=web].resources.limits.memory", operation: .changed, old: "256Mi", new: "64Mi"),
        ]
        #expect(ChangeSummary.text(for: changes) == "image of web changed v1 -> v2, replicas changed 2 -> 3, env MODE of web changed and 2 more changes")
    }

    @Test func resourcesAndOtherPaths() {
        let changes = [
            FieldChange(path: "spec.template.spec.containers[name=web].resources.limits.memory", operation: .changed, old: "256Mi", new: "64Mi"),
            FieldChange(path: "spec.strategy.type", operation: .changed, old: "RollingUpdate", new: "Recreate"),
        ]
        #expect(ChangeSummary.text(for: changes) == "limits.memory of web changed 256Mi -> 64Mi, spec.strategy.type changed RollingUpdate -> Recreate")
    }

    @Test func imagesFromDifferentRepositoriesAreShownWhole() {
        let change = FieldChange(path: "spec.template.spec.initContainers[name=migrate].image", operation: .changed, old: "a/m:1", new: "b/m:1")
        #expect(ChangeSummary.text(for: [change]) == "image of migrate changed a/m:1 -> b/m:1")
    }

    @Test func envValuesAreNeverInTheSummary() {
        let change = FieldChange(path: "spec.template.spec.containers[name=api].env[name=DB_PASSWORD].value", operation: .changed, old: "hunter2", new: "hunter3")
        let text = ChangeSummary.text(for: [change])
        #expect(text == "env DB_PASSWORD of api changed")
    }

    @Test func addedAndDeletedObjects() {
        let change = ManifestChange(
            id: "c1", cluster: "prod", resource: "apps/v1/deployments", kind: "Deployment", namespace: "shop", name: "web", uid: "u",
            action: .added, observedAt: Date(timeIntervalSince1970: 0), diff: ManifestDiff(fieldChanges: [], unifiedDiff: ""))
        #expect(ChangeSummary.text(for: change) == "Deployment web was created")
    }
}
