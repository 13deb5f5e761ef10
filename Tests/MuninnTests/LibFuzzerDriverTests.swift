import Foundation
import Testing

@testable import Muninn

/// libFuzzer runs its child processes (merging, crash minimisation) through the shell on its argv[0], so the
/// command `muninn fuzz TARGET` must survive the shell whatever the executable's path holds.
@Suite struct LibFuzzerDriverTests {
    @Test(.timeLimit(.minutes(1)))
    func theChildCommandReachesTheShellAsThreeWords() throws {
        let executable = "/tmp/it's a $HOME `path`/muninn"
        let command = LibFuzzerDriver.childCommand(for: .json, executable: executable)

        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "printf '%s\\n' " + command]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        shell.waitUntilExit()

        #expect(shell.terminationStatus == 0)
        #expect(String(decoding: printed, as: UTF8.self) == "\(executable)\nfuzz\njson\n")
    }
}
