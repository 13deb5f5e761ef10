import ArgumentParser
import Foundation
import MuninnCore

/// `muninn incidents search TEXT`: full-text search over messages, reasons, logs and events.
struct IncidentsSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find incidents whose message, reason, log, events, pod, container or workload contain the text.",
        discussion: """
            Every word must occur, case-insensitively, anywhere (also inside longer words: NullPointer finds \
            java.lang.NullPointerException). "Double quotes" keep words together as one phrase. There are no \
            operators: AND, OR, -, * are searched as text. Filters narrow the search.
            """
    )

    @Argument(help: ArgumentHelp("What to look for, e.g. 'connection refused' or NullPointerException.", valueName: "text"))
    var text: String

    @OptionGroup var history: HistoryOptions
    @OptionGroup var filters: IncidentFilterOptions
    @OptionGroup var paging: PagingOptions

    func run() async throws {
        try await execute(now: Date(), write: StandardOutput.writeLine)
    }

    func execute(now: Date, write: (String) -> Void) async throws {
        guard !SearchTerms.parse(text).isEmpty else { throw ValidationError("give some text to search for") }
        let query = try filters.query(now: now, search: text, limit: paging.limit, cursor: try paging.parsedCursor())
        try await IncidentPageOutput.print(query, history: history, write: write)
    }
}
