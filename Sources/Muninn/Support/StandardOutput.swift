import Foundation

/// Writes whole lines straight to file descriptor 1. `print` is fully buffered when standard
/// output is a pipe or a file, and Muninn's lines must reach a terminal, a pipe or a log
/// collector as they happen.
enum StandardOutput {
    static func writeLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
