import Foundation
import MuninnTesting

/// Headless Chromium as a subprocess, one page per run: the DOM after load (`--dump-dom`) and, when asked, a
/// screenshot of the window. Each run has its own profile in a temporary directory, a time limit, and is
/// terminated (then killed) if it overruns or the test is cancelled.
struct Chromium: Sendable {
    let executable: String

    /// What one run produced.
    struct Page: Sendable {
        var url: String
        /// The document as Chromium serialised it after loading the page.
        var dom: String
        /// Chromium's own log (console messages, CSP reports with `--enable-logging=stderr`).
        var log: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `$MUNINN_TEST_CHROMIUM`, else `chromium` (Debian), `chromium-browser` or `google-chrome` on PATH. Throws
    /// when there is none: the browser tests fail rather than skip (scripts/test.sh installs Debian's chromium).
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Chromium {
        if let path = environment["MUNINN_TEST_CHROMIUM"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw Failure(description: "MUNINN_TEST_CHROMIUM=\(path) is not an executable file")
            }
            return Chromium(executable: path)
        }
        let directories = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in directories where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return Chromium(executable: "\(directory)/\(name)")
            }
        }
        throw Failure(
            description: "no Chromium found: install Debian's chromium (scripts/test.sh does) or set MUNINN_TEST_CHROMIUM to its path")
    }

    /// Loads `url` and returns its DOM; with `screenshot`, also writes a PNG of the `width`×`height` window there.
    func open(_ url: String, screenshot: String? = nil, width: Int = 1400, height: Int = 1000, timeout: Duration = .seconds(45)) async throws -> Page {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }  // try?: the profile is throwaway
        let stdoutURL = directory.appendingPathComponent("dom.html")
        let stderrURL = directory.appendingPathComponent("chromium.log")
        _ = FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrURL.path, contents: nil)

        var arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--disable-component-update", "--enable-logging=stderr", "--v=0",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--window-size=\(width),\(height)", "--dump-dom",
        ]
        if let screenshot { arguments.append("--screenshot=\(screenshot)") }
        arguments.append(url)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        // No session bus here: without this Chromium spends seconds trying to reach one.
        environment["DBUS_SESSION_BUS_ADDRESS"] = "disabled:"
        process.environment = environment
        let output = try FileHandle(forWritingTo: stdoutURL)
        let errors = try FileHandle(forWritingTo: stderrURL)
        // Closed however the run ends: a test process runs many pages.
        defer {
            try? output.close()  // try?: only fails when already closed
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        let child = try ChildProcess(starting: process)
        let outcome = await Self.waitForExit(child, timeout: timeout)
        let log = (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? ""
        guard let status = outcome else {
            throw Failure(description: "Chromium did not finish \(url) within \(timeout); its log:\n\(log.suffix(2_000))")
        }
        guard status == 0 else { throw Failure(description: "Chromium exited with \(status) on \(url); its log:\n\(log.suffix(2_000))") }
        let dom = try String(contentsOf: stdoutURL, encoding: .utf8)
        return Page(url: url, dom: dom, log: log)
    }

    /// The exit status, or nil when `timeout` passed first (or the test was cancelled): then Chromium is stopped
    /// (SIGTERM, so it closes its renderers; SIGKILL after a second) and reaped before the files are read.
    private static func waitForExit(_ child: ChildProcess, timeout: Duration) async -> Int32? {
        await withTaskGroup(of: Int32?.self) { group in
            group.addTask { await child.exited() }
            group.addTask {
                // A deadline, not synchronisation: the normal end is the exit above.
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            if first == nil { await child.stop(grace: .seconds(1)) }
            group.cancelAll()
            return first
        }
    }
}
