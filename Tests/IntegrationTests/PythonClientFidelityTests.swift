import Foundation
import KubeJSON
import KubeSim
import Testing

/// The simulator as the official Python client sees it, and every object it serves checked
/// against the real OpenAPI schemas.
@Suite(.timeLimit(.minutes(3)))
struct PythonClientFidelityTests {
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("python")
    static let schemas = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KubeSimTests/Schemas")

    @Test func officialPythonClientListsWatchesAndReadsLogs() async throws {
        try await TestCluster.with { cluster in
            let crashy = try cluster.podName(of: "crashy")
            let web = try cluster.podName(of: "web")
            let outcome = try await ExternalProcess.run(
                "python3",
                [Self.scripts.appendingPathComponent("python_client_check.py").path, cluster.kubeconfigPath, TestCluster.namespace, crashy, "app", web, cluster.directory.path],
                timeout: .seconds(90))
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let result = try JSONValue(parsing: outcome.stdout)

            let listed = result["listed"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(listed.contains("\(TestCluster.namespace)/\(crashy)"))
            #expect(listed.count == 3)
            #expect((result["pages"]?.intValue ?? 0) >= 2)
            #expect((result["restart_count"]?.intValue ?? 0) >= 1)
            #expect(result[path: ["last_terminated", "reason"]]?.stringValue == "Error")
            #expect(result[path: ["last_terminated", "exit_code"]]?.intValue == 3)
            let watched = result["watched"]?.arrayValue ?? []
            #expect(watched.contains(["ADDED", "python-created"]))
            let previousLog = result["previous_log"]?.stringValue ?? ""
            #expect(previousLog.contains("ERROR"))
            #expect(result["previous_log_tail1"]?.stringValue?.split(separator: "\n").count == 1)
            #expect(result[path: ["missing_previous", "status"]]?.intValue == 400)
            #expect(result[path: ["missing_previous", "message"]]?.stringValue == "previous terminated container \"web\" in pod \"\(web)\" not found")
            #expect(result[path: ["not_found", "status"]]?.intValue == 404)
            #expect(result[path: ["not_found", "reason"]]?.stringValue == "NotFound")

            // What the Python client received validates against the published schemas.
            let validation = try await ExternalProcess.run(
                "python3",
                [Self.scripts.appendingPathComponent("openapi_check.py").path, Self.schemas.path,
                 cluster.directory.appendingPathComponent("python-podlist.json").path,
                 cluster.directory.appendingPathComponent("python-eventlist.json").path])
            #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        }
    }

    @Test func everyKindTheSimulatorServesValidatesAgainstOpenAPI() async throws {
        try await TestCluster.with { cluster in
            let kubeconfig = cluster.kubeconfigPath
            var files: [String] = []
            for (name, arguments) in [
                ("pods", ["get", "pods", "-A", "-o", "json"]), ("events", ["get", "events", "-A", "-o", "json"]),
                ("nodes", ["get", "nodes", "-o", "json"]), ("namespaces", ["get", "namespaces", "-o", "json"]),
                ("deployments", ["get", "deployments", "-A", "-o", "json"]), ("replicasets", ["get", "replicasets", "-A", "-o", "json"]),
                ("eventsv1", ["get", "events.v1.events.k8s.io", "-A", "-o", "json"]),
            ] {
                let outcome = try await ExternalProcess.run("kubectl", ["--kubeconfig", kubeconfig, "--cache-dir", cluster.directory.appendingPathComponent("cache").path] + arguments)
                #expect(outcome.status == 0, "\(name): \(outcome.stderr)")
                let file = cluster.directory.appendingPathComponent("\(name).json").path
                // kubectl -o json wraps items in a v1 List; validate each item on its own.
                let list = try JSONValue(parsing: outcome.stdout)
                let items = list["items"]?.arrayValue ?? []
                #expect(!items.isEmpty, "\(name): nothing served")
                try items.map { $0.serializedString() }.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
                files.append(file)
            }
            let validation = try await ExternalProcess.run(
                "python3", [Self.scripts.appendingPathComponent("openapi_check.py").path, Self.schemas.path] + files)
            #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
        }
    }
}
