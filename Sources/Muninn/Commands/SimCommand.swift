import ArgumentParser
import Foundation
import KubeSim
import KubeletModel
import Logging
import ServiceLifecycle
import UnixSignals

/// `muninn sim`: only the kube-apiserver simulator, for kubectl, the Python client, or Muninn itself.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the kube-apiserver simulator and write a kubeconfig for kubectl and Muninn.",
        discussion: """
            Serves the Kubernetes API on --listen until stopped (Ctrl-C or SIGTERM): discovery, list and \
            watch with resourceVersions, bookmarks and 410s, pods/log, Events, Leases, CRDs, and the Table \
            output kubectl asks for. With --scenario it plays a scenario file (see docs/scenarios.md), with \
            --demo the built-in demo scenario; with \
            --pods it starts with that many realistic running pods. The kubeconfig written to \
            --kubeconfig-out works with kubectl and `muninn run --kubeconfig`.
            """
    )

    enum Authentication: String, ExpressibleByArgument, CaseIterable {
        case token, clientCertificate = "client-certificate", none
    }

    @Option(help: ArgumentHelp("Address to listen on; port 0 picks a free port (printed).", valueName: "host:port"))
    var listen = "127.0.0.1:0"

    @Option(help: ArgumentHelp("Write a kubeconfig for this simulator to this file.", valueName: "file"))
    var kubeconfigOut: String?

    @Option(help: ArgumentHelp("A scenario file to play (see docs/scenarios.md).", valueName: "file"))
    var scenario: String?

    @Flag(help: "Play the built-in demo scenario (the cluster `muninn demo` shows).")
    var demo = false

    @Option(help: ArgumentHelp("Start with this many realistic running pods (benchmark-sized clusters).", valueName: "n"))
    var pods: Int?

    @Option(help: ArgumentHelp("Spread --pods over this many namespaces.", valueName: "n"))
    var namespaces = 10

    @Flag(inversion: .prefixedNo, help: "Serve HTTPS with a generated CA (written into the kubeconfig).")
    var tls = true

    @Option(help: ArgumentHelp("How clients authenticate: \(Authentication.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "mode"))
    var auth: Authentication = .token

    @Option(help: ArgumentHelp("Write events kept for watches from an old resourceVersion; older ones get 410 Expired.", valueName: "n"))
    var watchHistory = 10_000

    @Option(help: ArgumentHelp("Seed for generated names and IDs, for reproducible clusters.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("Log level of the simulator.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        guard Self.parseListen(listen) != nil else { throw ValidationError("--listen: expected host:port, got '\(listen)'") }
        if let pods, pods < 0 { throw ValidationError("--pods must not be negative") }
        if namespaces < 1 { throw ValidationError("--namespaces must be at least 1") }
        if auth == .clientCertificate && !tls { throw ValidationError("--auth client-certificate needs TLS (drop --no-tls)") }
        guard Logger.Level(rawValue: logLevel.lowercased()) != nil else { throw ValidationError("--log-level: unknown level '\(logLevel)'") }
        if [scenario != nil, pods != nil, demo].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --scenario, --pods and --demo")
        }
    }

    static func parseListen(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }

    func run() async throws {
        LoggingBootstrap.bootstrap(level: Logger.Level(rawValue: logLevel.lowercased()) ?? .info, format: .text)
        let logger = Logger(label: "muninn.sim")
        let engine = try makeEngine()
        guard let (host, port) = Self.parseListen(listen) else { throw ValidationError("--listen: expected host:port") }

        let mode: AuthMode =
            switch auth {
            case .token: .token(RandomToken.make())
            case .clientCertificate: .clientCertificate
            case .none: .none
            }
        let simulator = try Simulator(
            configuration: SimulatorConfiguration(host: host, port: port, tls: tls, auth: mode, watchHistoryWindow: watchHistory, logger: logger))
        let kubeconfigOut = self.kubeconfigOut
        let service = SimulatorService(simulator: simulator) { simulator in
            StandardOutput.writeLine("simulator listening on \(simulator.baseURL.absoluteString)")
            if let kubeconfigOut {
                do {
                    try simulator.writeKubeconfig(to: kubeconfigOut)
                    StandardOutput.writeLine("kubeconfig written to \(kubeconfigOut)")
                    StandardOutput.writeLine("try: kubectl --kubeconfig \(kubeconfigOut) get pods -A")
                } catch {
                    logger.error("cannot write the kubeconfig", metadata: ["file": "\(kubeconfigOut)", "error": "\(error)"])
                }
            }
        }
        var services: [any Service] = [service]
        if let engine {
            services.append(ScenarioRunnerService(simulator: simulator, engine: engine, logger: logger))
        }
        let group = ServiceGroup(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        try await group.run()
    }

    private func makeEngine() throws -> ScenarioEngine? {
        if let pods {
            return ScenarioEngine.bulk(pods: pods, namespaces: namespaces, seed: seed, start: Date())
        }
        if demo { return ScenarioEngine(scenario: .demo, seed: seed, start: Date()) }
        guard let scenario else { return nil }
        return ScenarioEngine(scenario: try ScenarioFile.load(scenario), seed: seed, start: Date())
    }
}
