import ArgumentParser

/// `muninn sim`: only the kube-apiserver simulator.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the kube-apiserver simulator and write a kubeconfig for kubectl and Muninn."
    )

    func run() async throws {}
}
