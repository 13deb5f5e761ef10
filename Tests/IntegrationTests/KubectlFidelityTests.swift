import Foundation
import KubeJSON
import KubeSim
import Testing

/// The simulator as kubectl sees it: the oldest, the default and the newest kubectl on this
/// machine must list, watch, read logs, apply and patch against it, with real-looking output.
@Suite(.timeLimit(.minutes(3)))
struct KubectlFidelityTests {
    /// kubectl binaries to check: every versioned one shipped beside `kubectl` (1.27 … 1.33 here), else just `kubectl`.
    static let kubectls: [String] = {
        let directory = "/usr/lib/google-cloud-sdk/bin"
        let versioned = ["kubectl.1.27", "kubectl.1.33"].map { "\(directory)/\($0)" }.filter { FileManager.default.isExecutableFile(atPath: $0) }
        return ["kubectl"] + versioned
    }()

    private func kubectl(
        _ binary: String, _ cluster: TestCluster, _ arguments: [String], whileRunning: (@Sendable (_ stdoutPath: String) async throws -> Void)? = nil
    )
        async throws -> ExternalProcess.Outcome
    {
        let cache = cluster.directory.appendingPathComponent("kube-cache-\(URL(fileURLWithPath: binary).lastPathComponent)").path
        return try await ExternalProcess.run(
            binary, ["--kubeconfig", cluster.kubeconfigPath, "--cache-dir", cache] + arguments, timeout: .seconds(60), whileRunning: whileRunning)
    }

    @Test(arguments: kubectls)
    func getPodsDeploymentsAndApiResources(_ binary: String) async throws {
        try await TestCluster.with { cluster in
            let crashy = try cluster.podName(of: "crashy")
            let pods = try await kubectl(binary, cluster, ["get", "pods", "-A"])
            #expect(pods.status == 0, "\(pods.stderr)")
            let lines = pods.stdout.split(separator: "\n")
            #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "AGE"])
            let crashLine = try #require(lines.first { $0.contains(crashy) })
            #expect(crashLine.contains("CrashLoopBackOff") || crashLine.contains("Error"))
            #expect(crashLine.contains("0/1"))
            #expect(lines.filter { $0.contains("web-") && $0.contains("Running") && $0.contains("1/1") }.count == 2)

            let deployments = try await kubectl(binary, cluster, ["get", "deploy", "-n", TestCluster.namespace])
            #expect(deployments.status == 0, "\(deployments.stderr)")
            #expect(deployments.stdout.contains("web"))
            #expect(deployments.stdout.contains("crashy"))

            let resources = try await kubectl(binary, cluster, ["api-resources"])
            #expect(resources.status == 0, "\(resources.stderr)")
            for expected in ["pods", "deployments", "leases", "ingresses", "events", "customresourcedefinitions"] {
                #expect(resources.stdout.contains(expected))
            }

            let json = try await kubectl(binary, cluster, ["get", "pod", crashy, "-n", TestCluster.namespace, "-o", "json"])
            #expect(json.status == 0, "\(json.stderr)")
            let pod = try JSONValue(parsing: json.stdout)
            #expect(pod["kind"]?.stringValue == "Pod")
        }
    }

    @Test(arguments: kubectls)
    func logsOfThePreviousContainer(_ binary: String) async throws {
        try await TestCluster.with { cluster in
            let crashy = try cluster.podName(of: "crashy")
            let web = try cluster.podName(of: "web")
            let previous = try await kubectl(binary, cluster, ["logs", crashy, "-n", TestCluster.namespace, "-c", "app", "--previous"])
            #expect(previous.status == 0, "\(previous.stderr)")
            #expect(!previous.stdout.isEmpty)

            let refused = try await kubectl(binary, cluster, ["logs", web, "-n", TestCluster.namespace, "--previous"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("previous terminated container \"web\" in pod \"\(web)\" not found"))
        }
    }

    @Test(arguments: kubectls)
    func applyAndPatch(_ binary: String) async throws {
        try await TestCluster.with(playFor: 0) { cluster in
            let manifest = cluster.directory.appendingPathComponent("cm.yaml").path
            try """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings
                  namespace: fidelity
                data:
                  mode: blue
                """.write(toFile: manifest, atomically: true, encoding: .utf8)
            // kubectl before 1.28 validates against OpenAPI v2, which the simulator does not serve (it serves
            // v3, which later kubectls use); docs/simulator.md lists this.
            let validate = binary.hasSuffix("kubectl.1.27") ? ["--validate=false"] : []
            let created = try await kubectl(binary, cluster, ["apply", "-f", manifest] + validate)
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("configmap/settings created"))

            let patched = try await kubectl(binary, cluster, ["patch", "configmap", "settings", "-n", "fidelity", "--type", "merge", "-p", #"{"data":{"mode":"green"}}"#])
            #expect(patched.status == 0, "\(patched.stderr)")
            #expect(patched.stdout.contains("configmap/settings patched"))
            let stored = try cluster.simulator.get(.configMaps, namespace: "fidelity", name: "settings")
            #expect(stored[path: ["data", "mode"]] == "green")

            try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: fidelity\ndata:\n  mode: red\n"
                .write(toFile: manifest, atomically: true, encoding: .utf8)
            let reapplied = try await kubectl(binary, cluster, ["apply", "-f", manifest] + validate)
            #expect(reapplied.status == 0, "\(reapplied.stderr)")
            #expect(reapplied.stdout.contains("configmap/settings configured"))
            #expect(try cluster.simulator.get(.configMaps, namespace: "fidelity", name: "settings")[path: ["data", "mode"]] == "red")
        }
    }

    @Test(arguments: kubectls)
    func watchShowsChangesAsTheyHappen(_ binary: String) async throws {
        try await TestCluster.with { cluster in
            let simulator = cluster.simulator
            let crashy = try cluster.podName(of: "crashy")
            let outcome = try await kubectl(binary, cluster, ["get", "pods", "-n", TestCluster.namespace, "-w"]) { stdoutPath in
                // Once kubectl's watch is open, change a pod; once kubectl has printed the change, end the
                // watch from the server side: kubectl exits with it.
                try await Self.waitFor { simulator.openWatchCount > 0 }
                _ = try simulator.patch(.pods, namespace: TestCluster.namespace, name: crashy, ["metadata": ["labels": ["touched": "yes"]]])
                try await Self.waitFor {
                    let printed = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
                    return printed.split(separator: "\n").filter { $0.contains(crashy) }.count >= 2
                }
                simulator.closeAllWatches()
            }
            #expect(!outcome.timedOut, "kubectl -w did not end when its watch ended: \(outcome.stderr)")
            let lines = outcome.stdout.split(separator: "\n")
            #expect(lines.filter { $0.contains(crashy) }.count >= 2, "\(outcome.stdout)")
        }
    }

    /// Polls a condition the simulator exposes, with a deadline (what we wait for is another
    /// process reaching a state we cannot be told about).
    static func waitFor(_ condition: @Sendable () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TestClusterError(message: "condition not reached in 30 s") }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
