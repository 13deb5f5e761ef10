import Foundation
import Testing
@testable import KubeletModel

@Suite struct ScenarioParserTests {
    /// The ```yaml block under "Complete example" in docs/scenarios.md.
    private func documentedExample() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/scenarios.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        let section = try #require(text.range(of: "## Complete example"))
        let rest = text[section.upperBound...]
        let open = try #require(rest.range(of: "```yaml\n"))
        let close = try #require(rest[open.upperBound...].range(of: "```"))
        return String(rest[open.upperBound..<close.lowerBound])
    }

    @Test func documentedExampleParses() throws {
        let scenario = try Scenario(yaml: try documentedExample())
        #expect(scenario.namespaces == ["shop", "payments", "batch"])
        #expect(scenario.workloads.count == 7)
        #expect(scenario.workloads[1].containers[0].behaviour == .crashLoop(exit: .error(exitCode: 1, lastWords: .stackTrace), after: 15))
        #expect(scenario.workloads[2].containers[0].behaviour == .oom(after: 20))
        #expect(scenario.workloads[3].containers[0].behaviour == .imagePullFailure)
        #expect(scenario.workloads[4].initContainers[1].isSidecar)
        #expect(scenario.workloads[4].containers[0].behaviour == .configError(message: "secret \"api-credentials\" not found"))
        #expect(scenario.workloads[5].kind == .statefulSet)
        #expect(scenario.workloads[5].containers[0].behaviour == .flapReadiness(period: 20))
        #expect(scenario.workloads[6].startAfter == 10)
        #expect(scenario.workloads[0].containers[0].limits == ["memory": "128Mi"])
        #expect(scenario.timeline.map(\.action) == [.crash, .evict, .rollout, .fixImage, .delete, .scale])
        #expect(scenario.timeline[0].exit == ContainerExit(exitCode: 2, reason: "Error", lastWords: .panic))
        #expect(scenario.timeline[5].at == 80)
        #expect(scenario.timeline[5].replicas == 3)
    }

    @Test func documentedExampleRunsWithoutSurprises() throws {
        var engine = ScenarioEngine(scenario: try Scenario(yaml: try documentedExample()), seed: 1, start: testStart)
        let writes = engine.advance(to: at(120))
        #expect(writes.podObjects.count > 50)
        #expect(engine.pod("payments/postgres-1") != nil)
    }

    private func error(_ yaml: String) -> ScenarioError? {
        do {
            _ = try Scenario(yaml: yaml)
            return nil
        } catch {
            return error
        }
    }

    private let valid = """
        namespaces: [shop]
        workloads:
          - kind: Deployment
            name: web
            namespace: shop
            containers:
              - name: app
                image: nginx:1.27
        """

    @Test func validMinimalFileParsesWithDefaults() throws {
        let scenario = try Scenario(yaml: valid)
        #expect(scenario.nodes == ["kind-worker", "kind-worker2"])
        #expect(scenario.workloads[0].replicas == 1)
        #expect(scenario.workloads[0].containers[0].behaviour == .healthy)
    }

    @Test func unknownBehaviourNamesLineKeyAndAllowedValues() throws {
        let e = try #require(error(valid + "\n        behaviour: crashlop"))
        #expect(e.line == 9)
        #expect(e.key == "workloads[0].containers[0].behaviour")
        #expect(e.message.contains("'crashlop'"))
        #expect(e.message.contains("allowed: healthy, crashloop, oom, imagePullFailure, configError, flapReadiness, completes, startError"))
    }

    @Test func unknownActionListsAllowedActions() throws {
        let e = try #require(error(valid + "\ntimeline:\n  - at: 10s\n    action: explode\n    target: shop/web"))
        #expect(e.line == 11)
        #expect(e.key == "timeline[0].action")
        #expect(e.message.contains("allowed: crash, oom, complete, evict, delete, rollout, scale, fixImage, unready, ready"))
    }

    @Test func unknownKeyIsRejected() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "name: web", with: "name: web\n    replica: 2")))
        #expect(e.line == 5)
        #expect(e.key == "workloads[0].replica")
        #expect(e.message.contains("unknown key 'replica'"))
    }

    @Test func missingRequiredKeyIsNamed() throws {
        let e = try #require(error(valid.replacingOccurrences(of: "        image: nginx:1.27", with: "")))
        #expect(e.key == "workloads[0].containers[0].image")
        #expect(e.line == 7)
        #expect(e.message == "missing required key 'image'")
    }

    @Test func badDurationAndBadIntegerAreNamed() throws {
        let duration = try #require(error(valid + "\ntimeline:\n  - at: soon\n    action: crash\n    target: shop/web"))
        #expect(duration.key == "timeline[0].at")
        #expect(duration.line == 10)
        let integer = try #require(error(valid.replacingOccurrences(of: "name: web", with: "name: web\n    replicas: two")))
        #expect(integer.key == "workloads[0].replicas")
        #expect(integer.line == 5)
    }

    @Test func undeclaredNamespaceAndMalformedTargetAreRejected() throws {
        let namespace = try #require(error(valid.replacingOccurrences(of: "namespace: shop", with: "namespace: shoop")))
        #expect(namespace.key == "workloads[0].namespace")
        #expect(namespace.message.contains("not declared"))
        let target = try #require(error(valid + "\ntimeline:\n  - at: 10s\n    action: crash\n    target: web"))
        #expect(target.key == "timeline[0].target")
        #expect(target.line == 12)
        let scale = try #require(error(valid + "\ntimeline:\n  - at: 10s\n    action: scale\n    target: shop/web"))
        #expect(scale.key == "timeline[0].replicas")
    }

    @Test func brokenYAMLReportsItsPosition() throws {
        let e = try #require(error("namespaces: [shop\nworkloads: ]"))
        #expect(e.line >= 1)
        #expect(e.message.hasPrefix("not valid YAML"))
        let empty = try #require(error(""))
        #expect(empty.message == "the scenario file is empty")
    }

    @Test func durationsAcceptGoStyleUnits() throws {
        let yaml = valid + "\ntimeline:\n  - {at: 1m30s, action: delete, target: shop/web}\n  - {at: 500ms, action: delete, target: shop/web}\n  - {at: 45, action: delete, target: shop/web}"
        let scenario = try Scenario(yaml: yaml)
        #expect(scenario.timeline.map(\.at) == [90, 0.5, 45])
    }
}
