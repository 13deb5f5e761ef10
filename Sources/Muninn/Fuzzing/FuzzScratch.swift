import Foundation

/// A per-process scratch directory for targets whose parser reads a file.
enum FuzzScratch {
    private static let directory: String = {
        let path = NSTemporaryDirectory() + "muninn-fuzz-\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func file(_ name: String) -> String {
        directory + "/" + name
    }
}
