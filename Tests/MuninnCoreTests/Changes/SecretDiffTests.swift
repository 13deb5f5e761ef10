import KubeJSON
import MuninnCore
import Testing

/// A Secret's values never appear in any output: normalised manifests, field changes and unified diffs hold
/// `sha256:` and 12 hex digits instead.
@Suite struct SecretDiffTests {
    let differ = ManifestDiffer()
    // "hunter2" and "hunter3", base64 as the server sends them.
    let old: JSONValue = [
        "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
        "metadata": [
            "name": "db", "namespace": "shop",
            "annotations": ["kubectl.kubernetes.io/last-applied-configuration": #"{"stringData":{"password":"hunter2"}}"#],
        ],
        "data": ["password": "aHVudGVyMg==", "user": "YWRtaW4="],
    ]

    var new: JSONValue {
        var copy = old
        copy[path: ["data", "password"]] = "aHVudGVyMw=="
        copy[path: ["data", "token"]] = "c2VjcmV0LXRva2Vu"
        return copy
    }

    @Test func changedKeysAreReportedByDigest() throws {
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges.map(\.path) == ["data.password", "data.token"])
        let password = try #require(diff.fieldChanges.first)
        #expect(password.old?.hasPrefix("sha256:") == true && password.old?.count == 19)
        #expect(password.new?.hasPrefix("sha256:") == true && password.old != password.new)
    }

    @Test func valuesAppearNowhere() {
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        let outputs = [diff.unifiedDiff, diff.fieldChanges.map { "\($0.old ?? "") \($0.new ?? "")" }.joined(), differ.normalize(new, policy: DiffPolicy()).serializedString()]
        for output in outputs {
            for secret in ["hunter2", "hunter3", "aHVudGVy", "secret-token", "c2VjcmV0", "admin", "YWRtaW4"] {
                #expect(!output.contains(secret), "\(secret) leaked")
            }
        }
        #expect(diff.unifiedDiff.contains("-  password: sha256:"))
    }

    @Test func stringDataAndDataOfTheSameValueHaveTheSameDigest() {
        let viaData = differ.normalize(old, policy: DiffPolicy())
        let viaString = differ.normalize(["apiVersion": "v1", "kind": "Secret", "stringData": ["password": "hunter2"]], policy: DiffPolicy())
        #expect(viaData[path: ["data", "password"]] == viaString[path: ["stringData", "password"]])
    }

    @Test func listItemsWithoutKindAreHashedByPolicyOrShape() {
        var item = old
        item["kind"] = nil
        item["apiVersion"] = nil
        #expect(differ.normalize(item, policy: DiffPolicy())[path: ["data", "user"]]?.stringValue?.hasPrefix("sha256:") == true)
        item["type"] = nil
        #expect(differ.normalize(item, policy: DiffPolicy())[path: ["data", "user"]] == "YWRtaW4=")
        #expect(differ.normalize(item, policy: DiffPolicy(hidesData: true))[path: ["data", "user"]]?.stringValue?.hasPrefix("sha256:") == true)
    }

    @Test func configMapDataIsKeptAsIs() {
        let config: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c"], "data": ["mode": "fast"]]
        let diff = differ.diff(old: config, new: ChangeFixtures.setting(config, ["data", "mode"], "slow"), policy: DiffPolicy())
        #expect(diff.fieldChanges == [FieldChange(path: "data.mode", operation: .changed, old: "fast", new: "slow")])
    }
}
