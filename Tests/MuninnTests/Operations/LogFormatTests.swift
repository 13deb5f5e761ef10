import ArgumentParser
import Logging
import Testing

@testable import Muninn

/// Readable text in a terminal, JSON in a pod (no terminal), unless `log.format` / `--log-format` says otherwise.
@Suite struct LogFormatTests {
    @Test func autoFollowsTheTerminal() throws {
        #expect(MuninnConfiguration().logFormat == .auto)
        #expect(MuninnConfiguration.LogFormat.auto.resolved(standardErrorIsTerminal: true) == .text)
        #expect(MuninnConfiguration.LogFormat.auto.resolved(standardErrorIsTerminal: false) == .json)
        #expect(MuninnConfiguration.LogFormat.text.resolved(standardErrorIsTerminal: false) == .text)
        #expect(MuninnConfiguration.LogFormat.json.resolved(standardErrorIsTerminal: true) == .json)
    }

    @Test func flagsAndEnvironmentChooseFormatAndLevel() throws {
        let flags = try GlobalOptions.parse(["--log-level", "DEBUG", "--log-format", "text"]).resolve(environment: ["MUNINN_LOG_FORMAT": "json"])
        #expect(flags.logLevel == .debug)
        #expect(flags.logFormat == .text)
        let environment = try GlobalOptions.parse([]).resolve(environment: ["MUNINN_LOG_FORMAT": "json", "MUNINN_LOG_LEVEL": "warning"])
        #expect(environment.logFormat == .json)
        #expect(environment.logLevel == .warning)
        #expect(throws: (any Error).self) { try GlobalOptions.parse(["--log-level", "loud"]).resolve(environment: [:]) }
    }
}
