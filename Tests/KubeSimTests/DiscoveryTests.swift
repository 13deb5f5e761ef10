import Foundation
import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite(.timeLimit(.minutes(1))) struct DiscoveryTests {
    private func reference(_ file: String) throws -> JSONValue {
        try JSONValue(parsing: try Data(contentsOf: Fixtures.directory.appendingPathComponent("discovery/\(file)")))
    }

    /// Every resource we serve appears exactly as in the reference document (key order aside).
    private func expectMatches(_ served: JSONValue, _ reference: JSONValue) {
        #expect(served["kind"] == reference["kind"])
        #expect(served["apiVersion"] == reference["apiVersion"])
        #expect(served["groupVersion"] == reference["groupVersion"])
        let expected = reference["resources"]?.arrayValue ?? []
        for resource in served["resources"]?.arrayValue ?? [] {
            let name = resource["name"]?.stringValue ?? ""
            let match = expected.first { $0["name"]?.stringValue == name }
            #expect(match == resource, "resource \(name)")
        }
    }

    @Test func legacyDiscoveryMatchesTheReferenceShapes() async throws {
        try await withTestSimulator { simulator, client in
            let api = try await client.get("/api").json()
            #expect(api.objectValue?.keys.sorted() == (try reference("api.json")).objectValue?.keys.sorted())
            #expect(api["versions"] == ["v1"])
            #expect(api[path: ["serverAddressByClientCIDRs"]]?[0]?["serverAddress"]?.stringValue == "127.0.0.1:\(simulator.boundPort ?? 0)")
            expectMatches(try await client.get("/api/v1").json(), try reference("api__v1.json"))
            expectMatches(try await client.get("/apis/apps/v1").json(), try reference("apis__apps__v1.json"))
            expectMatches(try await client.get("/apis/coordination.k8s.io/v1").json(), try reference("apis__coordination.k8s.io__v1.json"))
            expectMatches(try await client.get("/apis/events.k8s.io/v1").json(), try reference("apis__events.k8s.io__v1.json"))
            #expect(try await client.get("/apis/apps").json() == (try reference("apis__apps.json")))
            let groups = try await client.get("/apis").json()
            let referenceGroups = try reference("apis.json")
            #expect(groups["kind"] == "APIGroupList")
            for group in groups["groups"]?.arrayValue ?? [] {
                let name = group["name"]?.stringValue ?? ""
                if let expected = referenceGroups["groups"]?.arrayValue?.first(where: { $0["name"]?.stringValue == name }),
                   expected["versions"]?.arrayValue?.count == 1
                {
                    #expect(group == expected, "group \(name)")
                }
            }
            // Aggregated discovery is not offered: the legacy document comes back as plain JSON.
            let aggregated = try await client.get(
                "/apis", accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json")
            #expect(aggregated.headers.first(name: "Content-Type") == "application/json")
            #expect(try aggregated.json()["kind"] == "APIGroupList")
        }
    }

    @Test func versionShape() async throws {
        try await withTestSimulator(SimulatorConfiguration(version: "v1.31.2")) { _, client in
            let version = try await client.get("/version").json()
            #expect(version["major"] == "1")
            #expect(version["minor"] == "31")
            #expect(version["gitVersion"] == "v1.31.2")
            #expect(version["platform"] == "linux/amd64")
        }
    }

    @Test func customResourceDefinitionAddsAListableWatchableResource() async throws {
        try await withTestSimulator { simulator, client in
            let crd: JSONValue = [
                "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
                "metadata": ["name": "widgets.example.com"],
                "spec": ["group": "example.com", "scope": "Namespaced",
                         "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "shortNames": ["wd"]],
                         "versions": [["name": "v1", "served": true, "storage": true,
                                       "schema": ["openAPIV3Schema": ["type": "object"]]]]],
            ]
            #expect(try await client.get("/apis/example.com/v1/widgets").status == 404)
            #expect(try await client.request(.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", body: crd).status == 201)
            let resources = try await client.get("/apis/example.com/v1").json()
            #expect(resources["resources"]?[0]?["name"] == "widgets")
            #expect(resources["resources"]?[0]?["shortNames"] == ["wd"])
            let groups = try await client.get("/apis").json()
            #expect(groups["groups"]?.arrayValue?.contains { $0["name"] == "example.com" } == true)
            var reader = try await client.watch("/apis/example.com/v1/widgets?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            let widget: JSONValue = ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": "w1"], "spec": ["size": 3]]
            #expect(try await client.request(.POST, "/apis/example.com/v1/namespaces/default/widgets", body: widget).status == 201)
            let event = try #require(try await reader.next())
            #expect(event["type"] == "ADDED")
            #expect(event[path: ["object", "kind"]] == "Widget")
            #expect(event[path: ["object", "apiVersion"]] == "example.com/v1")
            let list = try await client.get("/apis/example.com/v1/namespaces/default/widgets").json()
            #expect(list["kind"] == "WidgetList")
            #expect(list["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func tableListForKubectl() async throws {
        try await withTestSimulator { simulator, client in
            var pod = TestObjects.pod("web")
            pod[path: ["status", "containerStatuses"]] = [
                TestObjects.containerStatus("app", running: nil, previous: "containerd://1", waitingReason: "CrashLoopBackOff", restartCount: 4),
            ]
            try simulator.apply([.apply(.pods, pod)])
            let table = try await client.get(
                "/api/v1/namespaces/default/pods?limit=500",
                accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json").json()
            #expect(table["kind"] == "Table")
            #expect(table["apiVersion"] == "meta.k8s.io/v1")
            #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                == ["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"])
            let cells = table["rows"]?[0]?["cells"]?.arrayValue ?? []
            #expect(cells.prefix(3) == ["web", "0/1", "CrashLoopBackOff"])
            #expect(cells[3].stringValue?.hasPrefix("4 (") == true)
            #expect(table["rows"]?[0]?[path: ["object", "kind"]] == "PartialObjectMetadata")
        }
    }
}
