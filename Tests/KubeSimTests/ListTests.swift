import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite struct ListTests {
    private func seed(_ simulator: Simulator, count: Int) throws {
        for index in 0..<count {
            try simulator.create(.pods, namespace: "default", TestObjects.pod("web-\(index)", labels: ["app": index % 2 == 0 ? "even" : "odd"]))
        }
    }

    @Test func paginationSharesTheFirstPageSnapshot() async throws {
        try await withTestSimulator { simulator, client in
            try seed(simulator, count: 5)
            let first = try await client.get("/api/v1/namespaces/default/pods?limit=2").json()
            #expect(first["kind"] == "PodList")
            #expect(first["apiVersion"] == "v1")
            let rv = try #require(first[path: ["metadata", "resourceVersion"]]?.stringValue)
            #expect(first[path: ["metadata", "remainingItemCount"]] == 3)
            #expect(first["items"]?.arrayValue?.count == 2)
            #expect(first["items"]?[0]?["kind"] == nil)
            #expect(first["items"]?[0]?["apiVersion"] == nil)
            // A write between pages must not show up in later pages.
            try simulator.create(.pods, namespace: "default", TestObjects.pod("web-9"))
            var token = try #require(first[path: ["metadata", "continue"]]?.stringValue)
            var names = first["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
            while true {
                let page = try await client.get("/api/v1/namespaces/default/pods?limit=2&continue=\(token)").json()
                #expect(page[path: ["metadata", "resourceVersion"]]?.stringValue == rv)
                names += page["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
                guard let next = page[path: ["metadata", "continue"]]?.stringValue, !next.isEmpty else { break }
                token = next
            }
            #expect(names == ["web-0", "web-1", "web-2", "web-3", "web-4"])
        }
    }

    @Test func continueTokenIsBase64URLJSON() async throws {
        try await withTestSimulator { simulator, client in
            try seed(simulator, count: 3)
            let page = try await client.get("/api/v1/pods?limit=1").json()
            let token = try #require(page[path: ["metadata", "continue"]]?.stringValue)
            let decoded = try ContinueToken(decoding: token)
            #expect(decoded.start == "default/web-0\u{0}")
            #expect(String(decoded.resourceVersion) == page[path: ["metadata", "resourceVersion"]]?.stringValue)
            #expect(!token.contains("="))
        }
    }

    @Test func expiredContinueTokenAnswers410() async throws {
        try await withTestSimulator { simulator, client in
            try seed(simulator, count: 3)
            let page = try await client.get("/api/v1/pods?limit=1").json()
            let token = try #require(page[path: ["metadata", "continue"]]?.stringValue)
            simulator.expireContinueTokens()
            let response = try await client.get("/api/v1/pods?limit=1&continue=\(token)")
            #expect(response.status == 410)
            let status = try response.json()
            #expect(status == [
                "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                "message": "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.",
                "reason": "Expired", "code": 410,
            ])
        }
    }

    @Test func compactionExpiresTokensAndExactLists() async throws {
        try await withTestSimulator { simulator, client in
            try seed(simulator, count: 3)
            let page = try await client.get("/api/v1/pods?limit=1").json()
            let token = try #require(page[path: ["metadata", "continue"]]?.stringValue)
            let rv = try #require(page[path: ["metadata", "resourceVersion"]]?.stringValue)
            try simulator.create(.pods, namespace: "default", TestObjects.pod("late"))
            simulator.compactHistory()
            #expect(try await client.get("/api/v1/pods?limit=1&continue=\(token)").status == 410)
            let exact = try await client.get("/api/v1/pods?resourceVersion=\(rv)&resourceVersionMatch=Exact")
            #expect(exact.status == 410)
            #expect(try exact.json()["message"] == "The resourceVersion for the provided list is too old.")
        }
    }

    @Test func resourceVersionSemantics() async throws {
        try await withTestSimulator { simulator, client in
            try seed(simulator, count: 3)
            let before = simulator.currentResourceVersion
            try simulator.delete(.pods, namespace: "default", name: "web-0")
            try simulator.create(.pods, namespace: "default", TestObjects.pod("web-new"))
            // RV=0 ignores limit.
            let any = try await client.get("/api/v1/pods?resourceVersion=0&limit=1").json()
            #expect(any["items"]?.arrayValue?.count == 3)
            #expect(any[path: ["metadata", "continue"]] == nil)
            // Exact at an older RV shows that snapshot.
            let exact = try await client.get("/api/v1/pods?resourceVersion=\(before)&resourceVersionMatch=Exact").json()
            #expect(exact["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["web-0", "web-1", "web-2"])
            #expect(exact[path: ["metadata", "resourceVersion"]]?.stringValue == before)
            // Legacy: RV=N with limit is Exact too.
            let legacy = try await client.get("/api/v1/pods?resourceVersion=\(before)&limit=10").json()
            #expect(legacy["items"]?.arrayValue?.count == 3)
            #expect(legacy["items"]?[0]?[path: ["metadata", "name"]] == "web-0")
            // NotOlderThan serves the current state.
            let notOlder = try await client.get("/api/v1/pods?resourceVersion=\(before)&resourceVersionMatch=NotOlderThan").json()
            #expect(notOlder["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["web-1", "web-2", "web-new"])
            // A future RV times out with 504 TooLarge.
            let future = try await client.get("/api/v1/pods?resourceVersion=999999&resourceVersionMatch=NotOlderThan")
            #expect(future.status == 504)
            #expect(future.headers.first(name: "Retry-After") == "1")
            #expect(try future.json()["message"]?.stringValue?.hasPrefix("Timeout: Too large resource version: 999999, current: ") == true)
        }
    }

    @Test func listOptionValidation() async throws {
        try await withTestSimulator { _, client in
            let invalidRV = try await client.get("/api/v1/pods?resourceVersion=abc")
            #expect(invalidRV.status == 400)
            #expect(try invalidRV.json()["message"]?.stringValue?.hasPrefix("invalid resource version") == true)
            let matchWithoutRV = try await client.get("/api/v1/pods?resourceVersionMatch=Exact")
            #expect(matchWithoutRV.status == 422)
            let status = try matchWithoutRV.json()
            #expect(status["reason"] == "Invalid")
            #expect(status["message"] == "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")
            #expect(try await client.get("/api/v1/pods?resourceVersion=0&resourceVersionMatch=Exact").status == 422)
            #expect(try await client.get("/api/v1/pods?resourceVersion=1&resourceVersionMatch=Newest").status == 422)
            #expect(try await client.get("/api/v1/pods?sendInitialEvents=true").status == 422)
            let continueWithRV = try await client.get("/api/v1/pods?resourceVersion=5&continue=abc")
            #expect(continueWithRV.status == 400)
            #expect(try continueWithRV.json()["message"] == "specifying resource version is not allowed when using continue")
            let badToken = try await client.get("/api/v1/pods?continue=bm90LWpzb24")
            #expect(badToken.status == 400)
            #expect(try badToken.json()["message"]?.stringValue?.hasPrefix("invalid continue token: continue key is not valid") == true)
        }
    }

    @Test func labelAndFieldSelectors() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a", labels: ["app": "web", "tier": "front"]))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("b", labels: ["app": "db"], phase: "Pending", nodeName: "node-2"))
            try simulator.create(.namespaces, ["metadata": ["name": "other"]])
            try simulator.create(.pods, namespace: "other", TestObjects.pod("c", namespace: "other", labels: ["app": "web", "canary": "yes"]))
            func names(_ query: String) async throws -> [String] {
                let list = try await client.get("/api/v1/pods?\(query)").json()
                return list["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
            }
            #expect(try await names("labelSelector=app%3Dweb") == ["a", "c"])
            #expect(try await names("labelSelector=app+in+(web,db),!canary") == ["a", "b"])
            #expect(try await names("labelSelector=app!%3Dweb") == ["b"])
            #expect(try await names("labelSelector=tier") == ["a"])
            #expect(try await names("labelSelector=app+notin+(web)") == ["b"])
            #expect(try await names("fieldSelector=status.phase%3DPending") == ["b"])
            #expect(try await names("fieldSelector=spec.nodeName%3Dnode-1,metadata.namespace%3Ddefault") == ["a"])
            #expect(try await names("fieldSelector=metadata.name!%3Da") == ["b", "c"])
            let unsupported = try await client.get("/api/v1/pods?fieldSelector=spec.image%3Dx")
            #expect(unsupported.status == 400)
            #expect(try unsupported.json()["message"] == "field label not supported: spec.image")
            let lease = try await client.get("/apis/coordination.k8s.io/v1/leases?fieldSelector=spec.holderIdentity%3Dx")
            #expect(lease.status == 400)
            #expect(try lease.json()["message"] == "\"spec.holderIdentity\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"")
            let badLabel = try await client.get("/api/v1/pods?labelSelector=app+in+web")
            #expect(badLabel.status == 400)
        }
    }
}
