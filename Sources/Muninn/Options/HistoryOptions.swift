import ArgumentParser

/// Where the history is and how to print it: shared by `muninn incidents ...` and `muninn stats`.
struct HistoryOptions: ParsableArguments {
    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Option(name: .long, help: ArgumentHelp("The store file `muninn run` writes.", valueName: "path"))
    var store: String = "muninn.db"

    @Option(
        name: [.customShort("o"), .long],
        help: ArgumentHelp("table (for people) or json (for scripts; fields in docs/cli.md).", valueName: "format"))
    var output: OutputFormat = .table
}
