import Foundation
import KubeJSON
import MuninnCore
import Testing

@testable import MuninnNotifiers

/// Every destination shows the change that preceded a crash: the sentence, and the head of the diff, escaped
/// for its markup.
@Suite struct PrecedingChangeRenderingTests {
    static let diff = """
        --- a/Deployment/payments/api
        +++ b/Deployment/payments/api
        @@ -30,7 +30,7 @@
                   value: production
        -        image: registry.example/api:1.4.1
        +        image: registry.example/api:1.4.2
                 name: api

        """

    static func alert(summary: String = "image of api changed 1.4.1 -> 1.4.2", unifiedDiff: String = diff) -> Alert {
        var alert = Samples.crash()
        alert.precedingChange = PrecedingChange(
            changeID: "chg-1", kind: "Deployment", name: "api", changedAt: Samples.occurredAt.addingTimeInterval(-120),
            changedBy: "kubectl-client-side-apply", summary: summary,
            fieldChanges: [
                FieldChange(path: "spec.template.spec.containers[name=api].image", operation: .changed, old: "registry.example/api:1.4.1", new: "registry.example/api:1.4.2")
            ],
            unifiedDiff: unifiedDiff)
        return alert
    }

    static let sentence = "Started crashing 2 minutes after image of api changed 1.4.1 -> 1.4.2 (by kubectl-client-side-apply at 08:51 UTC)"

    @Test func sentenceWording() {
        #expect(PrecedingChangeText.sentence(Self.alert()) == Self.sentence)
        var cannotStart = Self.alert()
        cannotStart.kind = .cannotStart
        cannotStart.occurredAt = Samples.occurredAt.addingTimeInterval(3_600)
        #expect(PrecedingChangeText.sentence(cannotStart)?.hasPrefix("Could not start 1 hour 2 minutes after image") == true)
        #expect(PrecedingChangeText.sentence(Samples.crash()) == nil)
    }

    @Test func slackBlocksCarryTheSentenceAndTheDiff() throws {
        let message = SlackMessage(alert: Self.alert())
        let texts = message.blocks.compactMap { $0[path: ["text", "text"]]?.stringValue }
        let section = try #require(texts.first { $0.hasPrefix("*Changed shortly before*") })
        #expect(section.hasPrefix("*Changed shortly before*: " + SlackText.escaped(Self.sentence) + "\n```\n--- a/Deployment/payments/api\n"))
        #expect(section.contains("1.4.1 -&gt; 1.4.2"))
        #expect(section.contains("+        image: registry.example/api:1.4.2"))
        // Before the logs.
        let changeIndex = try #require(texts.firstIndex(of: section))
        let logIndex = try #require(texts.firstIndex { $0.hasPrefix("*Logs") })
        #expect(changeIndex < logIndex)
        #expect(SlackMessage(alert: Samples.crash()).blocks.count == message.blocks.count - 1)
    }

    @Test func slackEscapesAndStaysWithinTheSectionLimit() throws {
        let hostileDiff = (0..<400).map { "+  note: <!channel> & ``` <@U1> \($0)" }.joined(separator: "\n")
        let message = SlackMessage(alert: Self.alert(summary: "label <!here> changed", unifiedDiff: hostileDiff))
        let section = try #require(message.blocks.compactMap { $0[path: ["text", "text"]]?.stringValue }.first { $0.hasPrefix("*Changed") })
        #expect(section.unicodeScalars.count <= SlackLimits.sectionText)
        #expect(!section.contains("<!here>"))
        #expect(!section.contains("<!channel>"))
        #expect(section.contains("&lt;!here&gt;"))
        #expect(section.contains("more lines of the diff not shown"))
    }

    @Test func dingTalkMarkdownCarriesItEscaped() throws {
        let body = DingTalkMessage(alert: Self.alert(summary: "label *x* changed"), configuration: DingTalkConfiguration(token: "t")).body
        let text = try #require(body[path: ["markdown", "text"]]?.stringValue)
        #expect(text.contains("**Changed shortly before:** Started crashing 2 minutes after label \\*x\\* changed"))
        // The diff as a quote block, one line per diff line.
        let quoted = text.split(separator: "\n").filter { $0.hasPrefix("> ") && $0.contains("image: registry.example/api:1.4.") }
        #expect(quoted.count == 2)
    }

    @Test func webhookJSONHasAPrecedingChangeField() throws {
        let payload = AlertPayload.json(for: Self.alert())
        let change = try #require(payload["precedingChange"])
        #expect(change["changeId"] == "chg-1")
        #expect(change["sentence"]?.stringValue == Self.sentence)
        #expect(change["changedBy"] == "kubectl-client-side-apply")
        #expect(change["changedAt"] == "2025-10-09T08:51:20.000Z")
        #expect(change["fieldChanges"]?[0]?["path"] == "spec.template.spec.containers[name=api].image")
        #expect(change["unifiedDiff"]?.stringValue == Self.diff)
        #expect(change["unifiedDiffTruncated"] == false)
        #expect(AlertPayload.json(for: Samples.crash())["precedingChange"] == .null)
        let cut = AlertPayload.json(for: Self.alert(), maxLogBytes: 40)["precedingChange"]
        #expect(cut?["unifiedDiff"]?.stringValue?.utf8.count ?? 0 <= 40)
        #expect(cut?["unifiedDiffTruncated"] == true)
    }

    @Test func consoleTextShowsSentenceAndDiff() {
        let text = ConsoleAlertText.render(Self.alert())
        #expect(text.contains("   changed before: " + Self.sentence))
        #expect(text.contains("   : +        image: registry.example/api:1.4.2"))
    }

    @Test func redactionReachesTheDiff() throws {
        let redactor = try LogRedactor(extraPatterns: [#"password=\S+"#])
        let alert = Self.alert(summary: "args changed password=hunter2", unifiedDiff: "+  - --password=hunter2\n").redacted(with: redactor)
        let change = try #require(alert.precedingChange)
        #expect(!change.summary.contains("hunter2"))
        #expect(!change.unifiedDiff.contains("hunter2"))
    }
}
