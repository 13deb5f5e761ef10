import ArgumentParser

/// `muninn demo`: the simulator with a scripted cluster, and Muninn watching it.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a simulated cluster with crashing pods and watch it, printing what Muninn sees."
    )

    func run() async throws {}
}
