import Foundation

/// Fills the history once per process (in the artefacts folder's `history/`); later callers get the same one.
actor SharedBrowserHistory {
    static let instance = SharedBrowserHistory()
    private var filled: BrowserHistory?

    func history() async throws -> BrowserHistory {
        if let filled { return filled }
        // Beside the screenshots, replaced by each run: the store the pages were made from, for a closer look
        // (`muninn incidents list --store ...`).
        let directory = try TestArtifacts.dashboard.appendingPathComponent("history")
        if FileManager.default.fileExists(atPath: directory.path) { try FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let history = try await BrowserHistory.fill(directory: directory)
        filled = history
        return history
    }
}
