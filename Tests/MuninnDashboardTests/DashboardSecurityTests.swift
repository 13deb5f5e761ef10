import AsyncHTTPClient
import Foundation
import MuninnCore
import MuninnDashboard
import MuninnTesting
import NIOHTTP1
import Testing

@Suite struct DashboardSecurityTests {
    @Test(.timeLimit(.minutes(1))) func hostileTextIsEscapedEverywhere() async throws {
        try await DashboardHarness.with { dashboard in
            let hostile = try dashboard.id("hostile")
            let paths = ["/", "/?search=script", "/incidents/\(hostile)", "/stats", "/?namespace=%3Cscript%3Ealert(1)%3C/script%3E", "/incidents/%3Cscript%3E"]
            for path in paths {
                let reply = try await dashboard.get(path)
                #expect(!reply.body.lowercased().contains("<script"), "\(path)")
                #expect(!reply.body.contains("<img"), "\(path)")
            }
            let detail = try await dashboard.get("/incidents/\(hostile)")
            #expect(detail.body.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
            #expect(detail.body.contains("&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!detail.body.contains("\u{1B}"))
            #expect(detail.body.contains("\u{241B}[31mred alert"))
            let reflected = try await dashboard.get("/?namespace=%22%3E%3Cb%3E")
            #expect(reflected.body.contains(#"name="namespace" value="&quot;&gt;&lt;b&gt;""#))
        }
    }

    @Test(.timeLimit(.minutes(1))) func everyResponseCarriesTheSecurityHeaders() async throws {
        try await DashboardHarness.with { dashboard in
            for path in ["/", "/stats", "/api/v1/incidents", "/assets/muninn.css", "/nothing", "/api/v1/incidents/0"] {
                let reply = try await dashboard.get(path)
                let policy = try #require(reply.header("Content-Security-Policy"), "\(path)")
                #expect(policy.contains("default-src 'self'"))
                #expect(policy.contains("script-src 'self'"))
                #expect(policy.contains("style-src 'self'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(reply.header("X-Content-Type-Options") == "nosniff")
                #expect(reply.header("Referrer-Policy") == "no-referrer")
                #expect(reply.header("X-Frame-Options") == "DENY")
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func onlyGetAndHeadAreAllowed() async throws {
        try await DashboardHarness.with { dashboard in
            for method in [HTTPMethod.POST, .PUT, .DELETE, .PATCH] {
                let reply = try await dashboard.get("/api/v1/incidents", method: method)
                #expect(reply.status == 405)
                #expect(reply.header("Allow") == "GET, HEAD")
                #expect(reply.body.contains("read-only"))
            }
            let page = try await dashboard.get("/", method: .POST)
            #expect(page.status == 405)
            let head = try await dashboard.get("/", method: .HEAD)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
        }
    }

    @Test(.timeLimit(.minutes(1))) func bearerTokenIsRequired() async throws {
        try await DashboardHarness.with(auth: .bearerToken("s3cret-token")) { dashboard in
            let missing = try await dashboard.get("/api/v1/incidents")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate") == #"Bearer realm="Muninn""#)
            let wrong = try await dashboard.get("/", headers: [("Authorization", "Bearer s3cret-tokem")])
            #expect(wrong.status == 401)
            #expect(!wrong.body.contains("api-7d9f-x2"))
            let right = try await dashboard.get("/", headers: [("Authorization", "Bearer s3cret-token")])
            #expect(right.status == 200)
            #expect(right.body.contains("api-7d9f-x2"))
            let basic = try await dashboard.get("/", headers: [("Authorization", "Basic " + Data("x:s3cret-token".utf8).base64EncodedString())])
            #expect(basic.status == 401)
            // Probes carry no credentials.
            #expect(try await dashboard.get("/healthz").status == 200)
            #expect(try await dashboard.get("/readyz").status == 200)
        }
    }

    @Test(.timeLimit(.minutes(1))) func basicAuthIsRequired() async throws {
        try await DashboardHarness.with(auth: .basic(username: "ops", password: "pa:ss")) { dashboard in
            func basic(_ credentials: String) -> [(String, String)] { [("Authorization", "Basic " + Data(credentials.utf8).base64EncodedString())] }
            let missing = try await dashboard.get("/stats")
            #expect(missing.status == 401)
            #expect(missing.header("WWW-Authenticate")?.hasPrefix("Basic realm=\"Muninn\"") == true)
            #expect(try await dashboard.get("/stats", headers: basic("ops:pa:ss")).status == 200)
            #expect(try await dashboard.get("/stats", headers: basic("ops:pa:sS")).status == 401)
            #expect(try await dashboard.get("/stats", headers: basic("root:pa:ss")).status == 401)
            #expect(try await dashboard.get("/stats", headers: [("Authorization", "Basic !!notbase64")]).status == 401)
            #expect(try await dashboard.get("/metrics", headers: basic("ops:wrong")).status == 401)
        }
    }
}

@Suite struct DashboardAccessPolicyTests {
    @Test func loopbackAddresses() {
        for host in ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost", "LOCALHOST"] {
            #expect(DashboardAccessPolicy.isLoopback(host), "\(host)")
        }
        for host in ["0.0.0.0", "10.0.0.5", "::", "192.168.1.1", "example.com", "127.0.0", "127.0.0.256", "127.0.0.1.evil.com", ""] {
            #expect(!DashboardAccessPolicy.isLoopback(host), "\(host)")
        }
    }

    @Test func aPublicAddressNeedsAuthentication() throws {
        let refusal = try #require(DashboardAccessPolicy.refusal(host: "0.0.0.0", auth: .none))
        #expect(refusal.contains("dashboard.auth"))
        #expect(DashboardAccessPolicy.refusal(host: "0.0.0.0", auth: .bearerToken("t")) == nil)
        #expect(DashboardAccessPolicy.refusal(host: "10.1.2.3", auth: .basic(username: "a", password: "b")) == nil)
        #expect(DashboardAccessPolicy.refusal(host: "127.0.0.1", auth: .none) == nil)
    }

    @Test func theServiceRefusesToBeBuiltOpenOnAPublicAddress() async throws {
        let store = InMemoryHistoryStore()
        #expect(throws: DashboardServiceError.self) {
            try DashboardService(store: store, host: "0.0.0.0", port: 0, logger: DashboardHarness.logger)
        }
        let service = try DashboardService(store: store, host: "0.0.0.0", port: 0, auth: .bearerToken("t"), logger: DashboardHarness.logger)
        #expect(service.host == "0.0.0.0")
    }
}
