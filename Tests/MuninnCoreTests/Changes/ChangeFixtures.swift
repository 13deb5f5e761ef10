import Foundation
import KubeJSON
import MuninnCore
import Testing

/// Manifests for the change tests: a Deployment as the API server returns it (managedFields, status, the
/// revision and last-applied annotations) and real pods from ../shared/k8s-api/examples.
enum ChangeFixtures {
    static func load(_ name: String) throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        return try JSONValue(parsing: Data(contentsOf: url))
    }

    static func deployment() throws -> JSONValue { try load("deployment-web") }

    /// `manifest` with `value` at `path` (nil removes it).
    static func setting(_ manifest: JSONValue, _ path: [String], _ value: JSONValue?) -> JSONValue {
        var copy = manifest
        copy[path: path] = value
        return copy
    }

    static let containersPath = ["spec", "template", "spec", "containers"]

    /// `manifest` with the container called `name` changed by `change`.
    static func changingContainer(_ manifest: JSONValue, _ name: String, _ change: (inout JSONValue) -> Void) -> JSONValue {
        var copy = manifest
        var containers = copy[path: containersPath]?.arrayValue ?? []
        for index in containers.indices where containers[index]["name"]?.stringValue == name { change(&containers[index]) }
        copy[path: containersPath] = .array(containers)
        return copy
    }
}
