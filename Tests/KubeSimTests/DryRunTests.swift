import KubeJSON
import NIOHTTP1
import Testing
@testable import KubeSim

/// `dryRun=All` as kube-apiserver answers it: every check of the write, the object as it would be, nothing stored.
@Suite struct DryRunTests {
    private let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cfg"], "data": ["a": "1"]]

    @Test func dryRunCreateAnswersAsACreateAndStoresNothing() async throws {
        try await withTestSimulator { simulator, client in
            let before = simulator.currentResourceVersion
            let response = try await client.request(.POST, "/api/v1/namespaces/default/configmaps?dryRun=All", body: configMap)
            #expect(response.status == 201)
            let answer = try response.json()
            #expect(answer["kind"] == "ConfigMap")
            #expect(answer["apiVersion"] == "v1")
            #expect(answer[path: ["metadata", "namespace"]] == "default")
            #expect(answer[path: ["metadata", "uid"]]?.stringValue?.count == 36)
            #expect(answer[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
            // Nothing was written, so there is no resourceVersion to give.
            #expect(answer[path: ["metadata", "resourceVersion"]] == nil)
            #expect(answer["data"] == ["a": "1"])
            #expect(simulator.currentResourceVersion == before)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/cfg").status == 404)
        }
    }

    @Test func dryRunCreateRunsTheCreateChecks() async throws {
        try await withTestSimulator { simulator, client in
            let missingNamespace = try await client.request(.POST, "/api/v1/namespaces/nowhere/configmaps?dryRun=All", body: configMap)
            #expect(missingNamespace.status == 404)
            #expect(try missingNamespace.json()["message"] == "namespaces \"nowhere\" not found")

            _ = try simulator.create(.configMaps, namespace: "default", configMap)
            let existing = try await client.request(.POST, "/api/v1/namespaces/default/configmaps?dryRun=All", body: configMap)
            #expect(existing.status == 409)
            #expect(try existing.json()["reason"] == "AlreadyExists")

            let unnamed: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:]]
            let invalid = try await client.request(.POST, "/api/v1/namespaces/default/configmaps?dryRun=All", body: unnamed)
            #expect(invalid.status == 422)
        }
    }

    @Test func unknownDryRunValueIsRefused() async throws {
        try await withTestSimulator { _, client in
            let response = try await client.request(.POST, "/api/v1/namespaces/default/configmaps?dryRun=Yes", body: configMap)
            #expect(response.status == 422)
            let status = try response.json()
            #expect(status["reason"] == "Invalid")
            #expect(status["message"] == #"CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: ["Yes"]: supported values: "All""#)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/cfg").status == 404)
        }
    }

    @Test func dryRunPatchAndUpdateChangeNothing() async throws {
        try await withTestSimulator { simulator, client in
            let created = try simulator.create(.configMaps, namespace: "default", configMap)
            let before = simulator.currentResourceVersion
            let patch: JSONValue = ["data": ["a": "2"]]
            let patched = try await client.request(
                .PATCH, "/api/v1/namespaces/default/configmaps/cfg?dryRun=All", body: patch, contentType: "application/merge-patch+json")
            #expect(patched.status == 200)
            #expect(try patched.json()["data"] == ["a": "2"])
            #expect(try patched.json()[path: ["metadata", "resourceVersion"]] == created[path: ["metadata", "resourceVersion"]])

            var replacement = created
            replacement["data"] = ["a": "3"]
            let updated = try await client.request(.PUT, "/api/v1/namespaces/default/configmaps/cfg?dryRun=All", body: replacement)
            #expect(updated.status == 200)
            #expect(try updated.json()["data"] == ["a": "3"])

            #expect(simulator.currentResourceVersion == before)
            #expect(try await client.get("/api/v1/namespaces/default/configmaps/cfg").json()["data"] == ["a": "1"])
            let missing = try await client.request(
                .PATCH, "/api/v1/namespaces/default/configmaps/other?dryRun=All", body: patch, contentType: "application/merge-patch+json")
            #expect(missing.status == 404)
        }
    }

    @Test func servesRBACAndPodDisruptionBudgets() async throws {
        try await withTestSimulator { _, client in
            let rbac = try await client.get("/apis/rbac.authorization.k8s.io/v1").json()
            let names = rbac["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names == ["clusterrolebindings", "clusterroles", "rolebindings", "roles"])
            let policy = try await client.get("/apis/policy/v1").json()
            #expect(policy["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["poddisruptionbudgets", "poddisruptionbudgets/status"])

            let role: JSONValue = [
                "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "reader"],
                "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]]],
            ]
            #expect(try await client.request(.POST, "/apis/rbac.authorization.k8s.io/v1/clusterroles", body: role).status == 201)
            let stored = try await client.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/reader").json()
            #expect(stored["rules"] == role["rules"])
            let budget: JSONValue = [
                "apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": ["name": "web"],
                "spec": ["maxUnavailable": 1, "selector": ["matchLabels": ["app": "web"]]],
            ]
            let created = try await client.request(.POST, "/apis/policy/v1/namespaces/default/poddisruptionbudgets", body: budget)
            #expect(created.status == 201)
            #expect(try created.json()[path: ["metadata", "generation"]] == 1)
        }
    }
}
