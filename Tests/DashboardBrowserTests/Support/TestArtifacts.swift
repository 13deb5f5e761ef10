import Foundation

/// Where the browser tests leave their screenshots: `$MUNINN_TEST_ARTIFACTS/dashboard/`, or
/// `.build/test-artifacts/dashboard/` in the package. Kept after the run so a person (or CI) can look at them.
enum TestArtifacts {
    static var dashboard: URL {
        get throws {
            let root: URL
            if let configured = ProcessInfo.processInfo.environment["MUNINN_TEST_ARTIFACTS"], !configured.isEmpty {
                root = URL(fileURLWithPath: configured)
            } else {
                // Tests/DashboardBrowserTests/Support/TestArtifacts.swift -> the package root.
                let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent()
                root = package.appendingPathComponent(".build/test-artifacts")
            }
            let directory = root.appendingPathComponent("dashboard")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return directory
        }
    }
}
