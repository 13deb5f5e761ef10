import ArgumentParser

/// The `muninn` command: a Kubernetes watcher that tells people when containers crash.
@main
struct MuninnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "muninn",
        abstract: "Watch Kubernetes clusters and report crashing, restarting and failing containers.",
        discussion: """
            Muninn watches pods through the Kubernetes API (kubeconfig or in-cluster service account) \
            and reports each container crash, restart and start failure with its reason, exit code and logs.

            With no cluster at hand, `muninn demo` runs a simulated cluster and watches it.
            """,
        version: MuninnVersion.current,
        subcommands: [
            RunCommand.self, DemoCommand.self, SimCommand.self, IncidentsCommand.self, StatsCommand.self, CheckConfigCommand.self,
            TestNotifyCommand.self, VersionCommand.self, BenchCommand.self, BenchWatchCommand.self, BenchReadCommand.self,
            ConfigReferenceCommand.self, FuzzCommand.self, SoakCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
