import ArgumentParser
import Foundation

/// `muninn config-reference` (hidden): prints the configuration reference generated from the key catalogue, or
/// rewrites the generated block of docs/configuration.md in place, so the documentation follows the code.
struct ConfigReferenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config-reference",
        abstract: "Print the configuration reference (every key, variable, default) as Markdown.",
        shouldDisplay: false
    )

    @Option(name: .long, help: ArgumentHelp("Replace the generated block of this Markdown file instead of printing.", valueName: "file"))
    var update: String?

    func run() throws {
        guard let update else {
            print(ConfigurationReference.markdown())
            return
        }
        let document: String
        do {
            document = try String(contentsOfFile: update, encoding: .utf8)
        } catch {
            throw CommandSupport.fail("cannot read \(update): \(error.localizedDescription)")
        }
        guard let updated = ConfigurationReference.updating(document) else {
            throw CommandSupport.fail("\(update) has no generated block: add the lines\n\(ConfigurationReference.beginMarker)\n\(ConfigurationReference.endMarker)")
        }
        do {
            try updated.write(toFile: update, atomically: true, encoding: .utf8)
        } catch {
            throw CommandSupport.fail("cannot write \(update): \(error.localizedDescription)")
        }
    }
}
