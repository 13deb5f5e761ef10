import Foundation
import MuninnCore

/// Manifest changes for the destination tests.
enum ChangeSamples {
    static let observedAt = Date(timeIntervalSince1970: 1_760_000_100)

    static func update(diffLines: Int = 2, whileStopped: Bool = false) -> ManifestChange {
        var lines = ["--- before", "+++ after", "@@ -1,\(diffLines) +1,\(diffLines) @@"]
        for index in 0..<max(0, diffLines - 2) { lines.append(" line \(index) of the manifest <!channel> & more padding text here") }
        lines += ["-image: shop/api:1.0", "+image: shop/api:1.1"]
        return ManifestChange(
            id: "prod-eu/apps/v1/deployments/shop/api/uid-1/101", cluster: "prod-eu", resource: "apps/v1/deployments", kind: "Deployment",
            namespace: "shop", name: "api", uid: "uid-1", action: .updated, observedAt: observedAt, whileStopped: whileStopped,
            workload: Alert.Workload(kind: "Deployment", name: "api"), changedBy: "kubectl-client-side-apply",
            diff: ManifestDiff(
                fieldChanges: [FieldChange(path: "spec.template.spec.containers[name=api].image", operation: .changed, old: "shop/api:1.0", new: "shop/api:1.1")],
                unifiedDiff: lines.joined(separator: "\n") + "\n"))
    }

    static func deletion() -> ManifestChange {
        var change = update()
        change.action = .deleted
        change.id = "prod-eu/apps/v1/deployments/shop/api/uid-1/deleted"
        return change
    }
}
