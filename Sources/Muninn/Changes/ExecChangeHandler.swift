import Foundation
import KubeJSON
import Logging
import MuninnCore
import MuninnNotifiers

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a local program for each change, with the change as JSON (``ChangePayload``) on stdin: directly, never through
/// a shell, so nothing in a change can become a command. A non-zero exit fails the chain; so does the timeout, after
/// which the program is killed (SIGKILL). Its output goes to Muninn's log when it fails.
struct ExecChangeHandler: ChangeHandler {
    let name = "exec"
    let command: [String]
    let timeout: Duration
    let clock: any Clock<Duration>

    /// Output kept for the error message.
    static let outputTail = 500

    init(command: [String], timeout: Duration, clock: any Clock<Duration> = ContinuousClock()) {
        self.command = command
        self.timeout = timeout
        self.clock = clock
    }

    func handle(_ change: ManifestChange, context: ChangeContext) async throws -> ChainStep {
        guard let program = command.first, !program.isEmpty else { throw ExecChangeHandlerError("the exec handler has no command") }
        guard let executable = Self.locate(program) else { throw ExecChangeHandlerError("\(program): no such executable (looked in PATH)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            do { try FileManager.default.removeItem(at: directory) } catch {
                context.logger.debug("could not remove the exec handler's temporary files", metadata: ["path": "\(directory.path)", "error": "\(error)"])
            }
        }
        // Files, not pipes: a program that does not read its stdin, or writes a lot, cannot block Muninn or itself.
        let input = directory.appendingPathComponent("change.json")
        try Data(ChangePayload.json(for: change).serialized() + [0x0A]).write(to: input)
        let output = directory.appendingPathComponent("output")
        guard FileManager.default.createFile(atPath: output.path, contents: nil) else { throw ExecChangeHandlerError("cannot create \(output.path)") }
        let inputHandle = try FileHandle(forReadingFrom: input)
        let outputHandle = try FileHandle(forWritingTo: output)
        defer {
            try? inputHandle.close()  // try?: closing a file only read from cannot lose data
            try? outputHandle.close()  // try?: the output is read from the path, not this handle
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(command.dropFirst())
        process.standardInput = inputHandle
        process.standardOutput = outputHandle
        process.standardError = outputHandle
        let (exits, exited) = AsyncStream.makeStream(of: Int32.self, bufferingPolicy: .bufferingNewest(1))
        process.terminationHandler = { process in
            exited.yield(process.terminationStatus)
            exited.finish()
        }
        do {
            try process.run()
        } catch {
            throw ExecChangeHandlerError("cannot start \(program): \(error)")
        }
        let status: Int32?
        do {
            status = try await withThrowingTaskGroup(of: Int32?.self) { group in
                group.addTask {
                    var iterator = exits.makeAsyncIterator()
                    return await iterator.next() ?? -1
                }
                group.addTask { [clock, timeout] in
                    try await clock.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
        } catch {
            kill(process.processIdentifier, SIGKILL)
            throw error
        }
        guard let status else {
            kill(process.processIdentifier, SIGKILL)
            throw ExecChangeHandlerError("\(program) did not finish within \(timeout) and was killed" + Self.tail(of: output))
        }
        guard status == 0 else {
            throw ExecChangeHandlerError("\(program) exited with status \(status)" + Self.tail(of: output))
        }
        return .continue
    }

    /// `program` itself when it is a path, else the first executable of that name in PATH.
    static func locate(_ program: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") where !directory.isEmpty {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    private static func tail(of output: URL) -> String {
        guard let data = try? Data(contentsOf: output), !data.isEmpty else { return "" }  // try?: the output only decorates the error
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return "" }
        return ": " + String(text.suffix(outputTail))
    }
}

/// Why the exec handler failed the chain.
struct ExecChangeHandlerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
