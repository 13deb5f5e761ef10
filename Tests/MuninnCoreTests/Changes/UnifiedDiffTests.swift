import KubeJSON
import MuninnCore
import Testing

/// The unified diff of the normalised YAML, checked line by line against what `diff -u` prints.
@Suite struct UnifiedDiffTests {
    let differ = ManifestDiffer()

    @Test func imageChangeLineByLine() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.changingContainer(old, "web") { $0["image"] = "registry.example.com/shop/web:v2" }
        let lines = differ.diff(old: old, new: new, policy: DiffPolicy()).unifiedDiff.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines == [
            "--- a/Deployment/shop/web",
            "+++ b/Deployment/shop/web",
            "@@ -33,7 +33,7 @@",
            "           value: production",
            "         - name: DB_HOST",
            "           value: db.shop.svc",
            "-        image: registry.example.com/shop/web:v1",
            "+        image: registry.example.com/shop/web:v2",
            "         imagePullPolicy: IfNotPresent",
            "         name: web",
            "         ports:",
            "",
        ])
    }

    @Test func yamlHasSortedKeysAndKubectlLayout() throws {
        let diff = differ.diff(old: nil, new: try ChangeFixtures.deployment(), policy: DiffPolicy())
        let added = diff.unifiedDiff.split(separator: "\n").dropFirst(3).map { String($0.dropFirst()) }
        #expect(Array(added.prefix(12)) == [
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata:",
            "  labels:",
            "    app: web",
            "    team: storefront",
            "  name: web",
            "  namespace: shop",
            "spec:",
            "  progressDeadlineSeconds: 600",
            "  replicas: 3",
            "  revisionHistoryLimit: 10",
        ])
        #expect(added.contains("      - args:"))
        #expect(added.contains("        - --port=8080"))
        #expect(added.contains("      maxSurge: 25%"))
        #expect(added.contains("      creationTimestamp: null"))
        #expect(added.contains("        resources: {}"))
    }

    @Test func separateChangesMakeSeparateHunks() throws {
        let old = try ChangeFixtures.deployment()
        var new = ChangeFixtures.setting(old, ["metadata", "labels", "team"], "checkout")
        new = ChangeFixtures.setting(new, ["spec", "strategy", "type"], "Recreate")
        let text = differ.diff(old: old, new: new, policy: DiffPolicy()).unifiedDiff
        let headers = text.split(separator: "\n").filter { $0.hasPrefix("@@") }
        #expect(headers.count == 2)
        #expect(headers.first == "@@ -3,7 +3,7 @@")
        #expect(text.contains("-    team: storefront\n+    team: checkout\n"))
    }

    @Test func quotingKeepsStringsReadableAndUnambiguous() {
        let manifest: JSONValue = [
            "kind": "ConfigMap", "metadata": ["name": "c", "namespace": "n"],
            "data": ["port": "8080", "flag": "true", "empty": "", "colon": "a: b", "script": "#!/bin/sh\necho hi\n", "bidi": "x\u{202E}y"],
        ]
        let diff = differ.diff(old: nil, new: manifest, policy: DiffPolicy())
        let lines = diff.unifiedDiff.split(separator: "\n").map(String.init)
        #expect(lines.contains("+  port: \"8080\""))
        #expect(lines.contains("+  flag: \"true\""))
        #expect(lines.contains("+  empty: \"\""))
        #expect(lines.contains("+  colon: \"a: b\""))
        #expect(lines.contains("+  script: |"))
        #expect(lines.contains("+    #!/bin/sh"))
        #expect(lines.contains("+  bidi: \"x\\u202ey\""))
    }

    @Test func hugeManifestsStayBounded() {
        let keys = (0..<30_000).map { ("key\($0)", JSONValue.string("value \($0)")) }
        let old: JSONValue = ["kind": "ConfigMap", "metadata": ["name": "big"], "data": .object(JSONObject(keys))]
        var changedKeys = keys
        for index in stride(from: 0, to: changedKeys.count, by: 7) { changedKeys[index].1 = .string("changed \(index)") }
        let new = ChangeFixtures.setting(old, ["data"], .object(JSONObject(changedKeys)))
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges.count == 30_000 / 7 + 1)
        #expect(diff.unifiedDiff.hasPrefix("# only the first 20000 lines of each manifest were compared\n--- a/ConfigMap/big\n"))
    }
}
