import ArgumentParser
import Foundation

/// `muninn run`: the daemon.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch a cluster and report container crashes, restarts and start failures (the default command).",
        discussion: """
            Connects with --kubeconfig/--context (default: KUBECONFIG, ~/.kube/config, then the in-cluster \
            service account), lists and watches pods, and logs every container state change. Stops cleanly \
            on SIGTERM or SIGINT.
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        _ = try options.resolve()
    }
}
