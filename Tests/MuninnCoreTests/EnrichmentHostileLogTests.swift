import Foundation
import Testing

@testable import MuninnCore

/// Log bytes are whatever a container wrote: they are capped and repaired, never trusted.
@Suite(.timeLimit(.minutes(1)))
struct EnrichmentHostileLogTests {
    typealias Samples = EnrichmentSamples

    @Test func invalidUTF8IsRepaired() async throws {
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .value([0x6F, 0x6B, 0x0A, 0xFF, 0xFE, 0xC3, 0x28, 0x00, 0x0A, 0xE2, 0x82])
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        let logs = try #require(alert.logs)
        #expect(logs.hasPrefix("ok\n"))
        #expect(logs.contains("\u{FFFD}"))
    }

    @Test func aTwentyMegabyteLineIsCapped() async {
        var reader = EnrichmentFakeClusterReader()
        reader.previousLogs = .value(Array(repeating: UInt8(ascii: "A"), count: 20 * 1024 * 1024) + Array("\nthe end".utf8))
        let alert = await Samples.enrich(Samples.incident(), reader: reader, configuration: .init(maximumLogBytes: 64 * 1024))
        #expect(alert.logs?.utf8.count == 64 * 1024)
        #expect(alert.logs?.hasSuffix("\nthe end") == true)
    }

    @Test func aCutNeverStartsInsideACharacter() {
        let bytes = Array(String(repeating: "é", count: 100).utf8)  // two bytes each
        let text = LogText.text(from: bytes, maximumBytes: 7, maximumLines: 500)
        #expect(text == "ééé")
    }

    @Test func linesAreCountedWithOrWithoutAFinalNewline() {
        #expect(LogText.text(from: Array("a\nb\nc".utf8), maximumBytes: 100, maximumLines: 2) == "b\nc")
        #expect(LogText.text(from: Array("a\nb\nc\n".utf8), maximumBytes: 100, maximumLines: 2) == "b\nc\n")
        #expect(LogText.text(from: [], maximumBytes: 100, maximumLines: 2) == "")
        #expect(LogText.text(from: Array("\n\n\n".utf8), maximumBytes: 100, maximumLines: 1) == "\n")
    }

    @Test func hostileEventTextStaysOnOneBoundedLine() async throws {
        var reader = EnrichmentFakeClusterReader()
        let huge = String(repeating: "x", count: 50_000)
        reader.events = .value([try Samples.event(reason: "Unhealthy\n<!channel>", message: "a\r\nb\n\(huge)", secondsAfterStart: 1)])
        let alert = await Samples.enrich(Samples.incident(), reader: reader)
        let line = try #require(alert.events.first)
        #expect(!line.contains("\n") && !line.contains("\r"))
        #expect(line.count <= EventLines.maximumLineLength + 1)
        #expect(line.hasPrefix("Unhealthy <!channel>: a b xxx"))
    }
}
