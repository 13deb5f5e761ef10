import Foundation
import KubeJSON
import MuninnCore
import MuninnNotifiers
import MuninnTesting
import Testing

@testable import Muninn

/// The change chain built from its specs, and the exec handler against real programs.
@Suite(.timeLimit(.minutes(1)))
struct ChangeHandlerFactoryTests {
    static let change = ManifestChange(
        id: "prod/apps/v1/deployments/shop/api/u1/7", cluster: "prod", resource: "apps/v1/deployments", kind: "Deployment", namespace: "shop",
        name: "api", uid: "u1", action: .updated, observedAt: Date(timeIntervalSince1970: 1_800_000_000),
        diff: ManifestDiff(fieldChanges: [FieldChange(path: "spec.replicas", operation: .changed, old: "1", new: "2")], unifiedDiff: "-1\n+2\n"))
    static let context = ChangeContext(old: nil, new: nil, policy: DiffPolicy(), differ: FakeManifestDiffer())

    @Test func theChainKeepsTheConfiguredOrder() throws {
        let factory = ChangeHandlerFactory(notifiers: ["ops": ConsoleNotifier(name: "ops", write: { _ in })])
        let chain = try factory.chain(for: [
            .diff(extraIgnoredPaths: ["spec.replicas"]), .log, .ignoreEvents([.added]),
            .slack(SlackChangeTarget(webhookURL: "https://hooks.slack.com/services/T/B/X", clusterName: "prod")),
            .webhook(url: "https://example.com/h", secret: "s"), .exec(command: ["true"], timeoutSeconds: 5), .destination(name: "ops"),
        ])
        #expect(chain.handlers.map(\.name) == ["diff", "log", "ignoreEvents", "slack", "destination webhook", "exec", "destination ops"])
    }

    @Test(arguments: [
        (ChangeHandlerSpec.destination(name: "pager"), "unknown destination pager (configured: ops)"),
        (.slack(SlackChangeTarget(clusterName: "prod")), "the slack change handler needs webhookURL, or token and channel"),
        (.exec(command: [], timeoutSeconds: 5), "the exec handler needs a command"),
        (.exec(command: ["true"], timeoutSeconds: 0), "the exec handler's timeout must be positive"),
        (.webhook(url: "", secret: nil), "the webhook handler needs a url"),
    ])
    func mistakesAreConfigurationErrors(spec: ChangeHandlerSpec, message: String) {
        let factory = ChangeHandlerFactory(notifiers: ["ops": ConsoleNotifier(name: "ops", write: { _ in })])
        #expect(throws: ConfigurationError(file: "configuration", line: nil, key: "changes.chain[1]", message: message)) {
            try factory.chain(for: [.log, spec])
        }
    }

    @Test func execGetsTheChangeOnStdin() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let captured = files.path("stdin.json")
        let handler = ExecChangeHandler(command: ["tee", captured], timeout: .seconds(20))
        #expect(try await handler.handle(Self.change, context: Self.context) == .continue)
        let payload = try JSONValue(parsing: try Data(contentsOf: URL(fileURLWithPath: captured)))
        #expect(payload["type"] == "change")
        #expect(payload["id"] == .string(Self.change.id))
        #expect(payload["fieldChanges"]?[0]?["path"] == "spec.replicas")
    }

    /// Arguments go to the program as they are: nothing is a shell command.
    @Test func argumentsAreNotInterpretedByAShell() async throws {
        let files = try TemporaryFiles()
        defer { files.remove() }
        let marker = files.path("marker")
        let handler = ExecChangeHandler(command: ["echo", "$(touch \(marker))", ";", "touch", marker], timeout: .seconds(20))
        _ = try await handler.handle(Self.change, context: Self.context)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func aNonZeroExitFailsTheChainWithTheOutput() async throws {
        let handler = ExecChangeHandler(command: ["ls", "/no/such/directory/for/muninn"], timeout: .seconds(20))
        await #expect {
            try await handler.handle(Self.change, context: Self.context)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("ls exited with status 2") && text.contains("/no/such/directory/for/muninn")
        }
    }

    @Test func aProgramPastItsTimeoutIsKilled() async throws {
        let handler = ExecChangeHandler(command: ["sleep", "30"], timeout: .milliseconds(200))
        let started = ContinuousClock.now
        await #expect {
            try await handler.handle(Self.change, context: Self.context)
        } throws: { error in
            "\(error)".hasPrefix("sleep did not finish within")
        }
        // Returned at the timeout, far sooner than the program's 30 seconds (a loaded machine starts programs slowly).
        #expect(ContinuousClock.now - started < .seconds(25))
    }

    @Test func aMissingProgramIsAClearError() async throws {
        let handler = ExecChangeHandler(command: ["muninn-no-such-program"], timeout: .seconds(5))
        await #expect {
            try await handler.handle(Self.change, context: Self.context)
        } throws: { error in
            "\(error)" == "muninn-no-such-program: no such executable (looked in PATH)"
        }
    }
}
