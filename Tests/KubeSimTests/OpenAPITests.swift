import KubeJSON
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite struct OpenAPITests {
    @Test func v3DocumentsDeclareFieldValidationForEveryKind() async throws {
        try await withTestSimulator { _, client in
            let index = try await client.get("/openapi/v3").json()
            let url = try #require(index[path: ["paths", "apis/apps/v1", "serverRelativeURL"]]?.stringValue)
            #expect(url.hasPrefix("/openapi/v3/apis/apps/v1?hash="))
            let apps = try await client.get(url).json()
            let patch = try #require(apps[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}", "patch"]])
            #expect(patch["x-kubernetes-group-version-kind"] == ["group": "apps", "kind": "Deployment", "version": "v1"])
            #expect(patch["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" && $0["in"] == "query" } == true)
            #expect(try await client.get("/openapi/v3/apis/nothing/v1").status == 404)
        }
    }

    @Test func v2IsAnEmptyDocumentInProtobufOrJSON() async throws {
        try await withTestSimulator(SimulatorConfiguration(version: "v1.32.4")) { _, client in
            let protobuf = try await client.get("/openapi/v2", accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")
            #expect(protobuf.headers.first(name: "Content-Type") == "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")
            // swagger "2.0" (field 1), info {title, version} (field 2), empty paths (field 8).
            #expect(protobuf.body == [0x0A, 3] + Array("2.0".utf8) + [0x12, 21, 0x0A, 10] + Array("Kubernetes".utf8)
                + [0x12, 7] + Array("v1.32.4".utf8) + [0x42, 0])
            let json = try await client.get("/openapi/v2").json()
            #expect(json["swagger"] == "2.0")
        }
    }
}
