import ArgumentParser

/// `muninn incidents`: the crash history, read straight from the store file (no daemon needed).
struct IncidentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "incidents",
        abstract: "List, search and show the incidents Muninn recorded.",
        discussion: """
            Reads the store file `muninn run` writes (--store, default muninn.db), also while Muninn runs. \
            Times are UTC. --output json prints stable fields for scripts (docs/cli.md).
            """,
        subcommands: [IncidentsListCommand.self, IncidentsSearchCommand.self, IncidentsShowCommand.self],
        defaultSubcommand: IncidentsListCommand.self
    )
}
