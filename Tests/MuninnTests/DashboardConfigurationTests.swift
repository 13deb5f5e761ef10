import Foundation
import MuninnDashboard
import Testing

@testable import Muninn

/// `dashboard:`: the address, authentication from files, and the refusal to serve a public address openly.
@Suite struct DashboardConfigurationTests {
    @Test func defaultsAreLoopbackOnPort8080() throws {
        let configuration = try MuninnConfiguration.parse("cluster:\n  name: a\n", file: "muninn.yaml")
        #expect(configuration.dashboard == DashboardSettings())
        #expect(configuration.dashboard.enabled)
        #expect(configuration.dashboard.host == "127.0.0.1")
        #expect(configuration.dashboard.port == 8080)
        #expect(configuration.dashboard.summary == "dashboard: http://127.0.0.1:8080/, no authentication (loopback only)")
    }

    @Test func listenAndBearerTokenFile() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("token", "  t0ken\n")
        let file = try files.write("muninn.yaml", "dashboard:\n  listen: 0.0.0.0:9090\n  auth:\n    bearerTokenFile: token\n")
        let configuration = try MuninnConfiguration.load(file: file)
        #expect(configuration.dashboard.host == "0.0.0.0")
        #expect(configuration.dashboard.port == 9090)
        #expect(configuration.dashboard.dashboardAuth == .bearerToken("t0ken"))
        #expect(!configuration.dashboard.summary.contains("t0ken"))
    }

    @Test func basicAuthWithPasswordFile() throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        try files.write("password", "hunter2\n")
        let file = try files.write(
            "muninn.yaml", "dashboard:\n  listen: '[::]:8080'\n  auth:\n    basicAuth:\n      username: ops\n      passwordFile: password\n")
        let configuration = try MuninnConfiguration.load(file: file)
        #expect(configuration.dashboard.host == "::")
        #expect(configuration.dashboard.dashboardAuth == .basic(username: "ops", password: "hunter2"))
    }

    @Test func aPublicAddressWithoutAuthIsRefusedWithItsLine() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try MuninnConfiguration.parse("cluster:\n  name: a\ndashboard:\n  listen: 0.0.0.0:8080\n", file: "muninn.yaml")
        }
        #expect(error.line == 4)
        #expect(error.key == "dashboard.listen")
        #expect(error.message.contains("dashboard.auth"))
        // Disabled, the address does not matter.
        let off = try MuninnConfiguration.parse("dashboard:\n  enabled: false\n  listen: 0.0.0.0:8080\n", file: "muninn.yaml")
        #expect(!off.dashboard.enabled)
        #expect(off.dashboard.summary == "dashboard: off")
    }

    @Test func mistakesNameTheirKey() throws {
        let cases: [(String, String)] = [
            ("dashboard:\n  listen: 8080\n", "dashboard.listen"), ("dashboard:\n  listen: 'localhost:99999'\n", "dashboard.listen"),
            ("dashboard:\n  enabled: maybe\n", "dashboard.enabled"), ("dashboard:\n  port: 1\n", "dashboard.port"),
            ("dashboard:\n  auth:\n    bearerToken: inline\n", "dashboard.auth.bearerToken"),
            ("dashboard:\n  auth:\n    bearerTokenFile: /nonexistent/muninn-token\n", "dashboard.auth.bearerTokenFile"),
            ("dashboard:\n  auth:\n    basicAuth:\n      username: ops\n", "dashboard.auth.basicAuth"),
        ]
        for (text, key) in cases {
            let error = try #require(throws: ConfigurationError.self, "\(text)") { try MuninnConfiguration.parse(text, file: "muninn.yaml") }
            #expect(error.key == key, "\(text): \(error)")
            #expect(error.line != nil, "\(text)")
        }
    }

    @Test func hostAndPortForms() {
        #expect(DashboardSettingsParser.hostAndPort("127.0.0.1:0").map { $0 == ("127.0.0.1", 0) } == true)
        #expect(DashboardSettingsParser.hostAndPort("[::1]:80").map { $0 == ("::1", 80) } == true)
        #expect(DashboardSettingsParser.hostAndPort("::1:80") == nil)
        #expect(DashboardSettingsParser.hostAndPort(":80") == nil)
        #expect(DashboardSettingsParser.hostAndPort("host:-1") == nil)
    }
}
