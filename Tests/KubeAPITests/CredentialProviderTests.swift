import Foundation
import KubeJSON
import Synchronization
import Testing

@testable import KubeAPI

@Suite struct CredentialProviderTests {
    final class FakeNow: Sendable {
        private let date = Mutex(Date(timeIntervalSince1970: 1_700_000_000))
        var now: Date { date.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { date.withLock { $0 += seconds } }
    }

    @Test func tokenFileIsCachedForAMinuteThenReRead() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("token", "one\n")
        let clock = FakeNow()
        let provider = CredentialProvider(credentials: .tokenFile(path), now: { clock.now })
        #expect(try await provider.authorizationHeader() == "Bearer one")
        try dir.write("token", "two")
        clock.advance(30)
        #expect(try await provider.authorizationHeader() == "Bearer one")
        clock.advance(31)
        #expect(try await provider.authorizationHeader() == "Bearer two")
        try dir.write("token", "three")
        await provider.invalidate()
        #expect(try await provider.authorizationHeader() == "Bearer three")
    }

    @Test func unreadableTokenFileKeepsTheLastGoodToken() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("token", "one")
        let clock = FakeNow()
        let provider = CredentialProvider(credentials: .tokenFile(path), now: { clock.now })
        #expect(try await provider.authorizationHeader() == "Bearer one")
        try FileManager.default.removeItem(atPath: path)
        clock.advance(120)
        #expect(try await provider.authorizationHeader() == "Bearer one")
        await provider.invalidate()
        await #expect(throws: KubeAPIError.self) { try await provider.authorizationHeader() }
    }

    /// A plugin that counts its runs and prints `token-<n>`, optionally with an expiry.
    static func plugin(in dir: TemporaryDirectory, apiVersion: String, expiration: String?) throws -> String {
        let counter = dir.file("runs")
        let expiry = expiration.map { ",\\\"expirationTimestamp\\\":\\\"\($0)\\\"" } ?? ""
        return try dir.write(
            "plugin.sh",
            """
            #!/bin/sh
            n=$(cat "\(counter)" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo "$n" > "\(counter)"
            echo "$KUBERNETES_EXEC_INFO" > "\(dir.file("exec-info"))"
            echo "$FOO" > "\(dir.file("foo"))"
            echo "{\\"apiVersion\\":\\"\(apiVersion)\\",\\"kind\\":\\"ExecCredential\\",\\"status\\":{\\"token\\":\\"token-$n\\"\(expiry)}}"
            """, executable: true)
    }

    @Test func execPluginV1IsCachedUntilExpirationAndReRun() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let command = try Self.plugin(in: dir, apiVersion: "client.authentication.k8s.io/v1", expiration: "2023-11-14T22:15:00Z")
        let clock = FakeNow()  // 2023-11-14T22:13:20Z
        let config = ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command, env: [(name: "FOO", value: "bar")], clusterInfo: ["server": "https://x"])
        let provider = CredentialProvider(credentials: .exec(config), now: { clock.now })
        #expect(try await provider.authorizationHeader() == "Bearer token-1")
        clock.advance(60)
        #expect(try await provider.authorizationHeader() == "Bearer token-1")
        clock.advance(60)
        #expect(try await provider.authorizationHeader() == "Bearer token-2")
        let info = try String(contentsOfFile: dir.file("exec-info"), encoding: .utf8)
        #expect(info.contains("\"apiVersion\":\"client.authentication.k8s.io/v1\""))
        #expect(info.contains("\"interactive\":false"))
        #expect(info.contains("\"server\":\"https://x\""))
        #expect(try String(contentsOfFile: dir.file("foo"), encoding: .utf8) == "bar\n")
    }

    @Test func execPluginV1beta1WithoutExpiryIsCachedUntilA401() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let command = try Self.plugin(in: dir, apiVersion: "client.authentication.k8s.io/v1beta1", expiration: nil)
        let clock = FakeNow()
        let provider = CredentialProvider(credentials: .exec(ExecConfig(apiVersion: "client.authentication.k8s.io/v1beta1", command: command)), now: { clock.now })
        #expect(try await provider.authorizationHeader() == "Bearer token-1")
        clock.advance(86_400)
        #expect(try await provider.authorizationHeader() == "Bearer token-1")
        await provider.invalidate()
        #expect(try await provider.authorizationHeader() == "Bearer token-2")
    }

    @Test func failingPluginIsACredentialsError() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let command = try dir.write("fail.sh", "#!/bin/sh\necho 'login required' >&2\nexit 3\n", executable: true)
        let provider = CredentialProvider(credentials: .exec(ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: command, installHint: "install it")), now: { Date() })
        do {
            _ = try await provider.authorizationHeader()
            Issue.record("expected an error")
        } catch KubeAPIError.credentials(let message) {
            #expect(message.contains("status 3"))
            #expect(message.contains("login required"))
        }
    }

    @Test func apiVersionMismatchIsRejected() throws {
        let runner = ExecCredentialRunner(environment: [:], now: { Date() })
        let config = ExecConfig(apiVersion: "client.authentication.k8s.io/v1", command: "x")
        #expect(throws: KubeAPIError.self) {
            _ = try runner.parse(Array(#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"t"}}"#.utf8), config: config)
        }
    }
}
