import KubeJSON
import MuninnCore
import Testing

/// List items are matched by name (or mountPath, containerPort, key, port, ip), never by position when a key
/// exists: reordering containers is not a change, and a changed image is named by its container.
@Suite struct ManifestListMatchingTests {
    let differ = ManifestDiffer()

    @Test func imageChangeIsNamedByContainer() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.changingContainer(old, "web") { $0["image"] = "registry.example.com/shop/web:v2" }
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(
                path: "spec.template.spec.containers[name=web].image", operation: .changed, old: "registry.example.com/shop/web:v1",
                new: "registry.example.com/shop/web:v2")
        ])
    }

    @Test func reorderedContainersAreNoChangeButAChangeInsideIsFound() throws {
        let old = try ChangeFixtures.deployment()
        var containers = try #require(old[path: ChangeFixtures.containersPath]?.arrayValue)
        containers.reverse()
        let reordered = ChangeFixtures.setting(old, ChangeFixtures.containersPath, .array(containers))
        #expect(differ.diff(old: old, new: reordered, policy: DiffPolicy()).isEmpty)

        let changed = ChangeFixtures.changingContainer(reordered, "web") { container in
            container["env"] = [["name": "DB_HOST", "value": "db2.shop.svc"], ["name": "MODE", "value": "production"]]
        }
        let diff = differ.diff(old: old, new: changed, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(path: "spec.template.spec.containers[name=web].env[name=DB_HOST].value", operation: .changed, old: "db.shop.svc", new: "db2.shop.svc")
        ])
    }

    @Test func addedAndRemovedItemsByName() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.changingContainer(old, "web") { container in
            container["env"] = [["name": "MODE", "value": "production"], ["name": "FEATURE_X", "value": "on"]]
        }
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(path: "spec.template.spec.containers[name=web].env[name=FEATURE_X]", operation: .added, old: nil, new: #"{"name":"FEATURE_X","value":"on"}"#),
            FieldChange(path: "spec.template.spec.containers[name=web].env[name=DB_HOST]", operation: .removed, old: #"{"name":"DB_HOST","value":"db.shop.svc"}"#, new: nil),
        ])
    }

    @Test func argsAreMatchedByPosition() throws {
        let old = try ChangeFixtures.deployment()
        let new = ChangeFixtures.changingContainer(old, "web") { $0["args"] = ["--port=8080", "--log-level=debug", "--trace"] }
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [
            FieldChange(path: "spec.template.spec.containers[name=web].args[1]", operation: .changed, old: "--log-level=info", new: "--log-level=debug"),
            FieldChange(path: "spec.template.spec.containers[name=web].args[2]", operation: .added, old: nil, new: "--trace"),
        ])
    }

    @Test func unnamedPortsMatchByContainerPortAndMountsByMountPath() {
        let old: JSONValue = ["spec": ["ports": [["containerPort": 80], ["containerPort": 443]], "mounts": [["mountPath": "/a", "readOnly": true]]]]
        let new: JSONValue = ["spec": ["ports": [["containerPort": 443, "protocol": "TCP"], ["containerPort": 80]], "mounts": [["mountPath": "/a", "readOnly": false]]]]
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges.map(\.path) == ["spec.mounts[mountPath=/a].readOnly", "spec.ports[containerPort=443].protocol"])
    }

    @Test func duplicateNamesFallBackToPositions() {
        let old: JSONValue = ["items": [["name": "a", "v": 1], ["name": "a", "v": 2]]]
        let new: JSONValue = ["items": [["name": "a", "v": 1], ["name": "a", "v": 3]]]
        let diff = differ.diff(old: old, new: new, policy: DiffPolicy())
        #expect(diff.fieldChanges == [FieldChange(path: "items[1].v", operation: .changed, old: "2", new: "3")])
    }

    @Test func longValuesAreCut() throws {
        let long = String(repeating: "x", count: 5_000)
        let diff = differ.diff(old: ["data": ["k": "short"]], new: ["data": ["k": .string(long)]], policy: DiffPolicy())
        let new = try #require(diff.fieldChanges.first?.new)
        #expect(new.count == 200)
        #expect(new.hasSuffix("…"))
    }
}
