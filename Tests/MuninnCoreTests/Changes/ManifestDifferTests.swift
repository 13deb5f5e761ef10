import KubeJSON
import MuninnCore
import Testing

/// kwatchman's documented effects of its diff handler (BEHAVIOR.md §4.5), on a Deployment as the server sends it.
@Suite struct ManifestDifferTests {
    let differ = ManifestDiffer()

    @Test func statusOnlyUpdateIsNoChange() throws {
        let old = try ChangeFixtures.deployment()
        var new = ChangeFixtures.setting(old, ["status", "readyReplicas"], 2)
        new = ChangeFixtures.setting(new, ["status", "conditions"], [])
        #expect(differ.diff(old: old, new: new, policy: DiffPolicy()).isEmpty)
    }

    @Test(arguments: [
        (["metadata", "resourceVersion"], JSONValue.string("184999")),
        (["metadata", "generation"], JSONValue.int(8)),
        (["metadata", "managedFields"], JSONValue.array([])),
        (["metadata", "annotations", "deployment.kubernetes.io/revision"], JSONValue.string("8")),
        (["metadata", "uid"], JSONValue.string("other")),
        (["metadata", "creationTimestamp"], JSONValue.string("2026-11-20T00:00:00Z")),
        (["metadata", "selfLink"], JSONValue.string("/apis/apps/v1/namespaces/shop/deployments/web")),
    ])
    func serverSetFieldsAreNoChange(path: [String], value: JSONValue) throws {
        let old = try ChangeFixtures.deployment()
        let diff = differ.diff(old: old, new: ChangeFixtures.setting(old, path, value), policy: DiffPolicy())
        #expect(diff.isEmpty)
        #expect(diff.unifiedDiff.isEmpty)
    }

    @Test func resyncOfTheSameObjectIsNoChange() throws {
        let object = try ChangeFixtures.deployment()
        #expect(differ.diff(old: object, new: object, policy: DiffPolicy()).isEmpty)
    }

    @Test func replicasChangeIsAChange() throws {
        let old = try ChangeFixtures.deployment()
        let diff = differ.diff(old: old, new: ChangeFixtures.setting(old, ["spec", "replicas"], 5), policy: DiffPolicy())
        #expect(diff.fieldChanges == [FieldChange(path: "spec.replicas", operation: .changed, old: "3", new: "5")])
    }

    @Test func replicasIgnoredByPolicy() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.setting(old, ["spec", "replicas"], 5)
        #expect(differ.diff(old: old, new: new, policy: DiffPolicy(ignoredPaths: ["spec.replicas"])).isEmpty)
    }

    @Test func replicasIgnoredByTheObjectsAnnotation() throws {
        let annotated = ChangeFixtures.setting(try ChangeFixtures.deployment(), ["metadata", "annotations", DiffPolicy.ignoreAnnotation], "spec.replicas, metadata.labels.team")
        var new = ChangeFixtures.setting(annotated, ["spec", "replicas"], 9)
        new = ChangeFixtures.setting(new, ["metadata", "labels", "team"], "checkout")
        #expect(differ.diff(old: annotated, new: new, policy: DiffPolicy()).isEmpty)
        // The annotation counts only when the policy honours it.
        let strict = differ.diff(old: annotated, new: new, policy: DiffPolicy(honoursAnnotation: false))
        #expect(strict.fieldChanges.map(\.path) == ["metadata.labels.team", "spec.replicas"])
    }

    @Test func annotationAddedWithTheChangeItIgnoresAppliesToBothSides() throws {
        let old = try ChangeFixtures.deployment()
        var new = ChangeFixtures.setting(old, ["metadata", "annotations", DiffPolicy.ignoreAnnotation], "spec.replicas")
        new = ChangeFixtures.setting(new, ["spec", "replicas"], 1)
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges.map(\.path) == ["metadata.annotations[\"muninn.io/diff-ignore\"]"])
    }

    @Test func rolloutRestartIsAChange() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.setting(
            old, ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"], "2026-11-20T10:41:00Z")
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(
                path: "spec.template.metadata.annotations[\"kubectl.kubernetes.io/restartedAt\"]", operation: .added, old: nil,
                new: "2026-11-20T10:41:00Z")
        ])
        #expect(ChangeSummary.text(for: diff.fieldChanges) == "rollout restart")
    }

    @Test func labelAndAnnotationEditsAreChanges() throws {
        let old = try ChangeFixtures.deployment()
        var new = ChangeFixtures.setting(old, ["metadata", "labels", "team"], "checkout")
        new = ChangeFixtures.setting(new, ["metadata", "annotations", "owner"], "ana")
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(path: "metadata.annotations.owner", operation: .added, old: nil, new: "ana"),
            FieldChange(path: "metadata.labels.team", operation: .changed, old: "storefront", new: "checkout"),
        ])
    }

    @Test func emptyAndMissingAnnotationsAreTheSame() throws {
        let old = ChangeFixtures.setting(try ChangeFixtures.deployment(), ["metadata", "annotations"], nil)
        let emptyMap = ChangeFixtures.setting(old, ["metadata", "annotations"], .object(JSONObject()))
        let null = ChangeFixtures.setting(old, ["metadata", "annotations"], .null)
        #expect(differ.diff(old: old, new: emptyMap, policy: DiffPolicy()).isEmpty)
        #expect(differ.diff(old: emptyMap, new: null, policy: DiffPolicy()).isEmpty)
        // Only server annotations left: the same as none.
        let serverOnly = ChangeFixtures.setting(old, ["metadata", "annotations"], ["deployment.kubernetes.io/revision": "9"])
        #expect(differ.diff(old: old, new: serverOnly, policy: DiffPolicy()).isEmpty)
    }

    @Test func normalisedManifestKeepsWhatAUserWrote() throws {
        let normalized = differ.normalize(try ChangeFixtures.deployment(), policy: DiffPolicy())
        #expect(normalized["status"] == nil)
        let metadata = try #require(normalized["metadata"]?.objectValue)
        #expect(metadata.keys == ["labels", "name", "namespace"])
        #expect(normalized[path: ["spec", "replicas"]] == 3)
        #expect(normalized.objectValue?.keys == ["apiVersion", "kind", "metadata", "spec"])
    }

    @Test(arguments: ["deployment-web", "pod-oomkilled-crashloopbackoff-kind", "pod-sidecar-init-running-kind"])
    func normalisingTwiceChangesNothing(fixture: String) throws {
        let manifest = try ChangeFixtures.load(fixture)
        for policy in [DiffPolicy(), DiffPolicy(ignoredPaths: ["spec.containers[*].image", "spec.replicas"]), DiffPolicy(hidesData: true)] {
            let once = differ.normalize(manifest, policy: policy)
            #expect(differ.normalize(once, policy: policy) == once)
            // A baseline stored normalised diffs as nothing against the raw object it came from.
            #expect(differ.diff(old: once, new: manifest, policy: policy).isEmpty)
        }
    }

    @Test func realPodStatusChangesAreNoChange() throws {
        let pod = try ChangeFixtures.load("pod-oomkilled-crashloopbackoff-kind")
        var restarted = ChangeFixtures.setting(pod, ["status", "phase"], "Running")
        restarted = ChangeFixtures.setting(restarted, ["metadata", "resourceVersion"], "99999")
        #expect(differ.diff(old: pod, new: restarted, policy: DiffPolicy()).isEmpty)
    }

    @Test func addedObjectListsItsTopLevelFields() throws {
        let diff = differ.diff(old: nil, new: try ChangeFixtures.deployment(), policy: DiffPolicy())
        #expect(diff.fieldChanges.map(\.path) == ["apiVersion", "kind", "metadata", "spec"])
        #expect(diff.fieldChanges.allSatisfy { $0.operation == .added && $0.old == nil })
        #expect(diff.unifiedDiff.hasPrefix("--- /dev/null\n+++ b/Deployment/shop/web\n@@ -0,0 +1,"))
    }

    @Test func deletedObjectListsItsTopLevelFieldsAsRemoved() throws {
        let diff = differ.diff(old: try ChangeFixtures.deployment(), new: nil, policy: DiffPolicy())
        #expect(diff.fieldChanges.allSatisfy { $0.operation == .removed })
        #expect(diff.unifiedDiff.hasPrefix("--- a/Deployment/shop/web\n+++ /dev/null\n@@ -1,"))
    }

    @Test func ignoredPathsAcceptListSelectors() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.changingContainer(old, "metrics") { $0["image"] = "registry.example.com/shop/metrics:2.4.0" }
        #expect(differ.diff(old: old, new: new, policy: DiffPolicy(ignoredPaths: ["spec.template.spec.containers[name=metrics].image"])).isEmpty)
        #expect(differ.diff(old: old, new: new, policy: DiffPolicy(ignoredPaths: ["spec.template.spec.containers[*].image"])).isEmpty)
        #expect(!differ.diff(old: old, new: new, policy: DiffPolicy(ignoredPaths: ["spec.template.spec.containers[name=web].image"])).isEmpty)
    }

    @Test func pathValidation() {
        #expect(DiffPolicy.problem(inPath: "spec.replicas") == nil)
        #expect(DiffPolicy.problem(inPath: "spec.template.spec.containers[name=web].resources") == nil)
        #expect(DiffPolicy.problem(inPath: "metadata.annotations[\"example.com/x\"]") == nil)
        #expect(DiffPolicy.problem(inPath: "spec..replicas") != nil)
        #expect(DiffPolicy.problem(inPath: "spec.containers[") != nil)
        #expect(DiffPolicy.problem(inPath: "") != nil)
    }

    @Test func nonObjectInputIsKeptAndNeverCrashes() {
        #expect(differ.normalize("not an object", policy: DiffPolicy()) == "not an object")
        let diff = differ.diff(old: .array([1, 2]), new: .string("x"), policy: DiffPolicy())
        #expect(diff.fieldChanges.count == 1)
    }
}

@Suite struct ChangeAuthorTests {
    @Test func newestNonStatusManagerWins() throws {
        let deployment = try ChangeFixtures.deployment()
        #expect(ChangeAuthor.latest(in: deployment) == "kubectl-client-side-apply")
        let rollout = ChangeFixtures.setting(
            deployment, ["metadata", "managedFields"],
            [["manager": "helm", "operation": "Update", "time": "2026-11-20T09:00:00Z"], ["manager": "kubectl-rollout", "operation": "Update", "time": "2026-11-20T10:42:00Z"]])
        #expect(ChangeAuthor.latest(in: rollout) == "kubectl-rollout")
        #expect(ChangeAuthor.latest(in: ChangeFixtures.setting(deployment, ["metadata", "managedFields"], nil)) == nil)
    }
}
