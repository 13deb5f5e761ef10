import AsyncHTTPClient
import Foundation
import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import NIOSSL
import Testing
@testable import KubeSim

@Suite struct AuthTests {
    @Test func missingOrWrongTokenIsUnauthorized() async throws {
        try await withTestSimulator(SimulatorConfiguration(auth: .token("secret"))) { _, client in
            let response = try await client.get("/api/v1/pods")
            #expect(response.status == 401)
            #expect(try response.json() == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": "Unauthorized",
                "reason": "Unauthorized", "code": 401,
            ])
            var wrong = client
            wrong.token = "nope"
            #expect(try await wrong.get("/api/v1/pods").status == 401)
            var right = client
            right.token = "secret"
            #expect(try await right.get("/api/v1/pods").status == 200)
        }
    }

    @Test func forbiddenHasTheRBACMessage() async throws {
        try await withTestSimulator(SimulatorConfiguration(userName: "system:serviceaccount:muninn:muninn")) { simulator, client in
            simulator.forbid(verb: "list", resource: "pods")
            let namespaced = try await client.get("/api/v1/namespaces/default/pods")
            #expect(namespaced.status == 403)
            #expect(try namespaced.json() == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "pods is forbidden: User \"system:serviceaccount:muninn:muninn\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
                "reason": "Forbidden", "details": ["kind": "pods"], "code": 403,
            ])
            let cluster = try await client.get("/api/v1/pods")
            #expect(try cluster.json()["message"] == "pods is forbidden: User \"system:serviceaccount:muninn:muninn\" cannot list resource \"pods\" in API group \"\" at the cluster scope")
            simulator.forbid(verb: "get", resource: "leases")
            let named = try await client.get("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/l")
            #expect(try named.json()["message"] == "leases.coordination.k8s.io \"l\" is forbidden: User \"system:serviceaccount:muninn:muninn\" cannot get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"kube-system\"")
        }
    }

    @Test func tokenFileRotation() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kubesim-token-\(UUID().uuidString)").path
        try "first\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withTestSimulator(SimulatorConfiguration(auth: .tokenFile(path))) { _, client in
            var first = client
            first.token = "first"
            #expect(try await first.get("/api/v1/pods").status == 200)
            try "second\n".write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try await first.get("/api/v1/pods").status == 401)
            var second = client
            second.token = "second"
            #expect(try await second.get("/api/v1/pods").status == 200)
        }
    }

    @Test func clientCertificateModeOverHTTPS() async throws {
        let configuration = SimulatorConfiguration(tls: true, auth: .clientCertificate, userName: "alice")
        try await withSimulator(configuration) { simulator in
            let ca = try NIOSSLCertificate.fromPEMBytes(Array(try #require(simulator.certificateAuthorityPEM).utf8))
            let issued = try #require(simulator.tlsMaterial).issueClientCertificate(user: "alice", groups: ["devs"], now: Date())
            var withCertificate = TLSConfiguration.makeClientConfiguration()
            withCertificate.trustRoots = .certificates(ca)
            withCertificate.certificateChain = try NIOSSLCertificate.fromPEMBytes(Array(issued.certificatePEM.utf8)).map { .certificate($0) }
            withCertificate.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: Array(issued.keyPEM.utf8), format: .pem))
            var anonymous = TLSConfiguration.makeClientConfiguration()
            anonymous.trustRoots = .certificates(ca)
            simulator.forbid(verb: "delete")
            for (tls, expected) in [(withCertificate, 200), (anonymous, 401)] {
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
                let test = TestClient(client: client, baseURL: simulator.baseURL.absoluteString)
                let status = try await test.get("/api/v1/namespaces").status
                if expected == 200 {
                    let denied = try await test.request(.DELETE, "/api/v1/namespaces/default")
                    #expect(try denied.json()["message"]?.stringValue?.contains("User \"alice\" cannot delete") == true)
                }
                try await client.shutdown()
                #expect(status == expected)
            }
            #expect(simulator.baseURL.absoluteString.hasPrefix("https://127.0.0.1:"))
            let kubeconfig = try simulator.kubeconfigYAML(user: "alice")
            #expect(kubeconfig.contains("certificate-authority-data: "))
            #expect(kubeconfig.contains("client-certificate-data: "))
            #expect(kubeconfig.contains("client-key-data: "))
        }
    }
}
