import ArgumentParser
import MuninnCore

/// How much of a list to print, and where to continue.
struct PagingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("At most this many incidents (1-\(IncidentQuery.maximumLimit)).", valueName: "n"))
    var limit: Int = 50

    @Option(name: .long, help: ArgumentHelp("Continue after a previous page (the cursor it printed).", valueName: "cursor"))
    var cursor: String?

    func validate() throws {
        guard (1...IncidentQuery.maximumLimit).contains(limit) else {
            throw ValidationError("--limit must be between 1 and \(IncidentQuery.maximumLimit)")
        }
        _ = try parsedCursor()
    }

    func parsedCursor() throws -> IncidentCursor? {
        guard let cursor else { return nil }
        guard let parsed = IncidentCursor(cursor) else {
            throw ValidationError("--cursor: '\(cursor)' is not a cursor printed by this command")
        }
        return parsed
    }
}
