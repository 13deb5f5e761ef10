import ArgumentParser
import Foundation
import KubeJSON
import MuninnCore
import MuninnDashboard
import MuninnStore

/// `muninn incidents show ID`: one incident in full.
struct IncidentsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one incident in full: termination, exit code, events, the captured log, deliveries."
    )

    @Argument(help: ArgumentHelp("The incident's ID (first column of `muninn incidents list`).", valueName: "id"))
    var id: Int64

    @OptionGroup var history: HistoryOptions

    func run() async throws {
        try await execute(write: StandardOutput.writeLine)
    }

    func execute(write: (String) -> Void) async throws {
        let record = try await HistoryStoreAccess.withStore(path: history.store) { store in try await store.incident(id: id) }
        guard let record else { throw CommandSupport.fail("no incident \(id) in \(history.store) (never recorded, or removed by retention)") }
        switch history.output {
        case .json: write(HistoryJSON.record(record).serializedString())
        case .table: IncidentDetailText.lines(record).forEach(write)
        }
    }
}
