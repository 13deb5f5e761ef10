import Foundation

/// Real objects and discovery documents from real clusters, committed once beside the client's
/// tests (Tests/KubeAPITests/Fixtures) and read from there, so a fresh clone has them.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KubeAPITests/Fixtures")
}
