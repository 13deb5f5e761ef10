import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite struct WriteTests {
    @Test func createFillsMetadataLikeTheServer() async throws {
        try await withTestSimulator { simulator, client in
            var deployment: JSONValue = [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": ["generateName": "web-"],
                "spec": ["replicas": 2, "selector": ["matchLabels": ["app": "web"]],
                         "template": ["metadata": ["labels": ["app": "web"]],
                                      "spec": ["containers": [["name": "web", "image": "nginx"]]]]],
            ]
            let response = try await client.request(.POST, "/apis/apps/v1/namespaces/default/deployments", body: deployment)
            #expect(response.status == 201)
            let created = try response.json()
            #expect(created["kind"] == "Deployment")
            #expect(created[path: ["metadata", "name"]]?.stringValue?.hasPrefix("web-") == true)
            #expect(created[path: ["metadata", "name"]]?.stringValue?.count == 9)
            #expect(created[path: ["metadata", "namespace"]] == "default")
            #expect(created[path: ["metadata", "generation"]] == 1)
            #expect(created[path: ["metadata", "uid"]]?.stringValue?.count == 36)
            #expect(created[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
            #expect(created[path: ["metadata", "resourceVersion"]]?.stringValue == simulator.currentResourceVersion)
            #expect(created["metadata"]?.objectValue?.keys.first == "name")
            // A spec change bumps generation; a status-only PUT on the main resource does not change status.
            deployment = created
            deployment[path: ["spec", "replicas"]] = 3
            deployment[path: ["status", "replicas"]] = 99
            let name = created[path: ["metadata", "name"]]?.stringValue ?? ""
            let updated = try await client.request(.PUT, "/apis/apps/v1/namespaces/default/deployments/\(name)", body: deployment).json()
            #expect(updated[path: ["metadata", "generation"]] == 2)
            #expect(updated["status"] == nil)
        }
    }

    @Test func updateWithStaleResourceVersionConflicts() async throws {
        try await withTestSimulator { simulator, client in
            let created = try simulator.create(.configMaps, namespace: "default", ["metadata": ["name": "cfg"], "data": ["a": "1"]])
            var first = created
            first["data"] = ["a": "2"]
            #expect(try await client.request(.PUT, "/api/v1/namespaces/default/configmaps/cfg", body: first).status == 200)
            var stale = created
            stale["data"] = ["a": "3"]
            let conflict = try await client.request(.PUT, "/api/v1/namespaces/default/configmaps/cfg", body: stale)
            #expect(conflict.status == 409)
            #expect(try conflict.json() == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your changes to the latest version and try again",
                "reason": "Conflict", "details": ["name": "cfg", "kind": "configmaps"], "code": 409,
            ])
        }
    }

    @Test func alreadyExistsAndNotFoundShapes() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("dup"))
            let duplicate = try await client.request(.POST, "/api/v1/namespaces/default/pods", body: TestObjects.pod("dup"))
            #expect(duplicate.status == 409)
            #expect(try duplicate.json() == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "pods \"dup\" already exists", "reason": "AlreadyExists",
                "details": ["name": "dup", "kind": "pods"], "code": 409,
            ])
            let missing = try await client.get("/apis/apps/v1/namespaces/default/deployments/nope")
            #expect(missing.status == 404)
            #expect(try missing.json() == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "deployments.apps \"nope\" not found", "reason": "NotFound",
                "details": ["name": "nope", "group": "apps", "kind": "deployments"], "code": 404,
            ])
            let unknownPath = try await client.get("/apis/nothing.example.com/v1/widgets")
            #expect(unknownPath.status == 404)
            #expect(unknownPath.text == "404 page not found\n")
            #expect(unknownPath.headers.first(name: "Content-Type") == "text/plain; charset=utf-8")
            let protobuf = try await client.get("/api/v1/pods", accept: "application/vnd.kubernetes.protobuf")
            #expect(protobuf.status == 406)
            #expect(try protobuf.json()["reason"] == "NotAcceptable")
            let noNamespace = try await client.request(.POST, "/api/v1/namespaces/absent/pods", body: TestObjects.pod("x", namespace: "absent"))
            #expect(noNamespace.status == 404)
            #expect(try noNamespace.json()["message"] == "namespaces \"absent\" not found")
        }
    }

    @Test func mergeStrategicAndJSONPatches() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("p", labels: ["a": "1"], containers: ["app", "side"]))
            let merge = try await client.request(
                .PATCH, "/api/v1/namespaces/default/pods/p", body: ["metadata": ["labels": ["b": "2", "a": nil]]],
                contentType: "application/merge-patch+json")
            #expect(merge.status == 200)
            #expect(try merge.json()[path: ["metadata", "labels"]] == ["b": "2"])
            let strategic = try await client.request(
                .PATCH, "/api/v1/namespaces/default/pods/p",
                body: ["spec": ["containers": [["name": "side", "image": "busybox:2"]]]],
                contentType: "application/strategic-merge-patch+json")
            let containers = try strategic.json()[path: ["spec", "containers"]]?.arrayValue ?? []
            #expect(containers.count == 2)
            #expect(containers.last?["image"] == "busybox:2")
            let jsonPatch = try await client.request(
                .PATCH, "/api/v1/namespaces/default/pods/p",
                body: [["op": "add", "path": "/metadata/annotations", "value": ["x": "y"]]],
                contentType: "application/json-patch+json")
            #expect(try jsonPatch.json()[path: ["metadata", "annotations", "x"]] == "y")
            let stale = try await client.request(
                .PATCH, "/api/v1/namespaces/default/pods/p", body: ["metadata": ["resourceVersion": "1", "labels": ["c": "3"]]],
                contentType: "application/merge-patch+json")
            #expect(stale.status == 409)
            let unsupported = try await client.request(
                .PATCH, "/api/v1/namespaces/default/pods/p", body: [:], contentType: "application/apply-patch+yaml")
            #expect(unsupported.status == 415)
        }
    }

    @Test func deleteReturnsPodOrStatus() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("p"))
            let pod = try await client.request(.DELETE, "/api/v1/namespaces/default/pods/p")
            #expect(try pod.json()["kind"] == "Pod")
            try simulator.create(.configMaps, namespace: "default", ["metadata": ["name": "c"]])
            let status = try await client.request(.DELETE, "/api/v1/namespaces/default/configmaps/c").json()
            #expect(status["status"] == "Success")
            #expect(status[path: ["details", "kind"]] == "configmaps")
            #expect(try await client.request(.DELETE, "/api/v1/namespaces/default/pods/p").status == 404)
        }
    }

    @Test func leaseLeaderElectionFlow() async throws {
        try await withTestSimulator { simulator, client in
            let path = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases"
            #expect(try await client.get("\(path)/muninn").status == 404)
            let created = try await client.request(.POST, path, body: TestObjects.lease("muninn", holder: "a"))
            #expect(created.status == 201)
            var lease = try created.json()
            #expect(lease[path: ["spec", "renewTime"]] == "2025-01-01T00:00:00.000000Z")
            // Two candidates update from the same read: the second loses with 409.
            var renewA = lease
            renewA[path: ["spec", "renewTime"]] = "2025-01-01T00:00:02.000000Z"
            var takeoverB = lease
            takeoverB[path: ["spec", "holderIdentity"]] = "b"
            #expect(try await client.request(.PUT, "\(path)/muninn", body: renewA).status == 200)
            let lost = try await client.request(.PUT, "\(path)/muninn", body: takeoverB)
            #expect(lost.status == 409)
            #expect(try lost.json()["message"] == "Operation cannot be fulfilled on leases.coordination.k8s.io \"muninn\": the object has been modified; please apply your changes to the latest version and try again")
            lease = try await client.get("\(path)/muninn").json()
            #expect(lease[path: ["spec", "holderIdentity"]] == "a")
            #expect(lease[path: ["spec", "renewTime"]] == "2025-01-01T00:00:02.000000Z")
        }
    }

    @Test func injectedFailures() async throws {
        try await withTestSimulator { simulator, client in
            simulator.failNext(count: 1, status: 429, retryAfter: 3, plainText: true)
            let apf = try await client.get("/api/v1/pods")
            #expect(apf.status == 429)
            #expect(apf.text == "Too many requests, please try again later.\n")
            #expect(apf.headers.first(name: "Retry-After") == "3")
            simulator.failNext(count: 1, status: 429, retryAfter: 2)
            let storage = try await client.get("/api/v1/pods")
            #expect(try storage.json()[path: ["details", "retryAfterSeconds"]] == 2)
            #expect(storage.headers.first(name: "Retry-After") == "2")
            simulator.failNext(count: 2, status: 503)
            #expect(try await client.get("/api/v1/pods").status == 503)
            #expect(try await client.get("/api/v1/pods").status == 503)
            simulator.failNext(status: 500)
            let internalError = try await client.get("/api/v1/pods")
            #expect(try internalError.json()["reason"] == "InternalError")
            #expect(try await client.get("/api/v1/pods").status == 200)
            #expect(simulator.recorder.requests.filter { $0.path == "/api/v1/pods" }.count == 6)
        }
    }
}
