import ArgumentParser
import Foundation
import KubeJSON
import MuninnCore

/// `muninn incidents list`: incidents newest first, filtered, a page at a time.
struct IncidentsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List incidents, newest first.",
        discussion: "Each page ends with the --cursor that continues it."
    )

    @OptionGroup var history: HistoryOptions
    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var paging: PagingOptions

    func run() async throws {
        try await execute(now: Date(), write: StandardOutput.writeLine)
    }

    /// The command's work, with the clock and the output injected (tests capture the lines).
    func execute(now: Date, write: (String) -> Void) async throws {
        let query = try filters.query(now: now, limit: paging.limit, cursor: try paging.parsedCursor())
        try await IncidentPageOutput.print(query, history: history, write: write)
    }
}
