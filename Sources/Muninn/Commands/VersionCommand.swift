import ArgumentParser

/// `muninn version`: the release and platform, for bug reports.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Muninn's version and platform."
    )

    @Flag(name: .long, help: "Print only the version number.")
    var short = false

    func run() {
        if short {
            print(MuninnVersion.current)
        } else {
            print("muninn \(MuninnVersion.current) (\(MuninnVersion.platform))")
        }
    }
}
