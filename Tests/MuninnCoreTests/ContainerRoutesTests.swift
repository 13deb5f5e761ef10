import Testing

@testable import MuninnCore

@Suite struct ContainerRoutesTests {
    @Test(arguments: [
        ("*", "", true), ("*", "anything", true), ("web-*", "web-7d9c", true), ("web-*", "api-1", false),
        ("?", "a", true), ("?", "", false), ("?", "ab", false), ("a?c", "abc", true), ("a*c", "ac", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("Web", "web", false), ("exact", "exact", true),
        ("*-canary", "web-canary", true), ("**", "x", true),
    ])
    func wildcardsMatchWholeStrings(_ pattern: String, _ subject: String, _ expected: Bool) {
        #expect(WildcardPattern(pattern).matches(subject) == expected)
    }

    @Test func hostileNamesDoNotBlowUp() {
        let pattern = WildcardPattern(String(repeating: "*a", count: 50) + "b")
        #expect(!pattern.matches(String(repeating: "a", count: 5000)))
    }

    @Test func firstMatchDecidesEmptyChannelMutesNoMatchSuppresses() throws {
        let routes = try ContainerRoutes(parsing: "kube-system/*/*=,prod/*/sidecar=,prod/*/*=#prod-alerts,*/web-*/*=web,*/*/*=#general")
        #expect(routes.decide(namespace: "kube-system", pod: "coredns-1", container: "coredns") == .muted(rule: 1))
        #expect(routes.decide(namespace: "prod", pod: "api-1", container: "sidecar") == .muted(rule: 2))
        #expect(routes.decide(namespace: "prod", pod: "web-1", container: "app") == .deliver(channel: "#prod-alerts", rule: 3))
        #expect(routes.decide(namespace: "dev", pod: "web-1", container: "app") == .deliver(channel: "web", rule: 4))
        #expect(routes.decide(namespace: "dev", pod: "api", container: "app") == .deliver(channel: "#general", rule: 5))
        #expect(try ContainerRoutes(parsing: "prod/*/*=x").decide(namespace: "dev", pod: "a", container: "b") == .noMatch)
    }

    @Test func splitsAtTheFirstSeparatorsLikeJohariMirror() throws {
        let route = try #require(try ContainerRoutes(parsing: "ns/pod/a/b=c=d").routes.first)
        #expect(route.namespace.text == "ns")
        #expect(route.pod.text == "pod")
        #expect(route.container.text == "a/b")
        #expect(route.channel == "c=d")
    }

    @Test func spacesAroundRulesAreTrimmedUnlikeJohariMirror() throws {
        let routes = try ContainerRoutes(parsing: "a/b/c=x, */*/*=y")
        #expect(routes.decide(namespace: "other", pod: "p", container: "c") == .deliver(channel: "y", rule: 2))
    }

    @Test(arguments: [
        ("", 1, "empty rule"), ("a/b/c=x,", 2, "empty rule"), ("a/b/c=x,,d/e/f=y", 2, "empty rule"),
        ("nonamespace", 1, "missing '/' after the namespace"), ("ns/pod", 1, "missing '/' after the pod"),
        ("a/b/c=x,ns/pod/container", 2, "missing '='"),
    ])
    func malformedRulesNameTheRuleAndItsPosition(_ text: String, _ position: Int, _ problem: String) {
        #expect {
            _ = try ContainerRoutes(parsing: text)
        } throws: { error in
            guard let error = error as? ContainerRoutingError else { return false }
            return error.position == position && error.problem.hasPrefix(problem) && error.description.contains("routing rule \(position)")
        }
    }
}
