import ArgumentParser
import Foundation
import KubeSim
import Logging

/// `muninn bench`: Muninn's watch, detection and alert path against a simulated cluster of N realistic pods,
/// beside the clients people would otherwise use (kubectl, the official Python client) and a client that only
/// reads and discards the same bytes. See docs/benchmarks.md.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark Muninn's watch and alert path on a simulated cluster, beside kubectl and the Python client.",
        discussion: """
            Starts the kube-apiserver simulator in this process with --pods pods shaped like the upstream \
            benchmark exemplar (~14 KB each, managedFields included), then runs Muninn's real pipeline \
            (`muninn run`'s wiring: list and watch over HTTPS, detection, SQLite outbox, enrichment, a \
            webhook destination) as a separate process and measures: the initial paginated list, watch \
            throughput, alert latency to a local webhook at a sustained crash rate and for a burst, memory \
            (peak and idle RSS) and CPU per 1,000 events. Then the peers on the same bytes. Prints a table; \
            --json writes every figure. A peer that is not installed is reported as such.
            """
    )

    @Option(help: ArgumentHelp("Pods in the simulated cluster (standard sizes: 1000, 10000, 50000, 150000).", valueName: "n"))
    var pods = 10_000

    @Option(help: ArgumentHelp("Namespaces the pods are spread over.", valueName: "n"))
    var namespaces = 20

    @Option(help: ArgumentHelp("Pod updates in the watch throughput phase.", valueName: "n"))
    var watchEvents = 20_000

    @Option(help: ArgumentHelp("Crashes per second in the sustained alert phase.", valueName: "n"))
    var crashRate = 100.0

    @Option(help: ArgumentHelp("Length of the sustained alert phase.", valueName: "seconds"))
    var crashSeconds = 10.0

    @Option(help: ArgumentHelp("Simultaneous crashes in the burst phase.", valueName: "n"))
    var burst = 1000

    @Option(help: ArgumentHelp("Peers to run: any of kubectl, python, ceiling, or none.", valueName: "list"))
    var peers = "kubectl,python,ceiling"

    @Option(help: ArgumentHelp("Run kubectl and Python only up to this many pods (kubectl needs ~220 KB per pod).", valueName: "n"))
    var peerMaxPods = 50_000

    @Flag(help: "A small, fast run (a smoke test): 1,000 watch events, 2 s of crashes, a burst of 50.")
    var quick = false

    @Option(help: ArgumentHelp("Also write the results as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("The muninn executable for the watcher and reader processes (default: this one).", valueName: "path"))
    var muninnExecutable: String?

    func validate() throws {
        if pods < 1 { throw ValidationError("--pods must be at least 1") }
        if namespaces < 1 { throw ValidationError("--namespaces must be at least 1") }
        if watchEvents < 1 { throw ValidationError("--watch-events must be at least 1") }
        if crashRate <= 0 || crashSeconds < 0 || burst < 0 { throw ValidationError("--crash-rate must be positive, --crash-seconds and --burst not negative") }
        let unknown = Set(peerNames).subtracting(["kubectl", "python", "ceiling"])
        if !unknown.isEmpty { throw ValidationError("--peers: unknown \(unknown.sorted().joined(separator: ", ")) (allowed: kubectl, python, ceiling, none)") }
    }

    var peerNames: [String] {
        peers == "none" ? [] : peers.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() async throws {
        LoggingBootstrap.bootstrap(level: .error, format: .text)
        let executable = try muninnExecutable ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // try?: temporary files only

        let report = try await measure(executable: executable, directory: directory)
        StandardOutput.writeLine(BenchTable.render(report))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            StandardOutput.writeLine("results written to \(json)")
        }
        if report.muninn == nil { throw ExitCode.failure }
    }

    private func measure(executable: String, directory: String) async throws -> BenchReport {
        let watchEvents = quick ? min(self.watchEvents, 1000) : self.watchEvents
        let sustained = quick ? min(Int(crashRate * 2), 100) : Int(crashRate * crashSeconds)
        // Every crash gets a pod of its own, so each alert is told apart at the sink.
        let sustainedCrashes = min(sustained, pods / 2)
        let burstCrashes = min(quick ? min(burst, 50) : burst, pods - sustainedCrashes)
        let token = RandomToken.make()
        var logger = Logger(label: "muninn.bench.sim")
        logger.logLevel = .critical
        // Room for every update of the run, in the history (peers replay the watch phase) and in a paused watcher's buffer.
        let window = 3 * watchEvents + 10 * (sustainedCrashes + burstCrashes) + 10_000
        let configuration = SimulatorConfiguration(
            tls: true, auth: .token(token), watchHistoryWindow: window, watchBufferSize: window, logger: logger)
        let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        return try await withSimulator(configuration) { simulator in
            let loadStart = MonotonicTime.nanoseconds()
            let cluster = try BenchCluster(simulator: simulator, token: token, count: pods, namespaces: namespaces, directory: directory)
            progress(String(format: "cluster of %ld pods ready in %.1f s", cluster.pods.count, MonotonicTime.seconds(from: loadStart, to: MonotonicTime.nanoseconds())))
            var report = BenchReport(
                pods: cluster.pods.count, namespaces: namespaces, podJSONBytesAverage: 0, listBytes: 0, machine: BenchMachine.describe(),
                command: (["muninn"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                startedAt: ISO8601DateFormatter().string(from: Date()))
            let sink = WebhookSink()
            return try await sink.serve { url in
                let peerRunner = PeerRunner(cluster: cluster, directory: directory, executable: executable, log: progress)
                // The ceiling first: it also counts the bytes every client reads for the list.
                let ceiling = try await peerRunner.ceilingList()
                report.listBytes = ceiling.bytes
                report.podJSONBytesAverage = ceiling.bytes / max(1, cluster.pods.count)
                progress(String(format: "read-and-discard list: %.1f MB in %.2f s", Double(ceiling.bytes) / 1e6, ceiling.seconds))

                let runner = MuninnRunner(
                    cluster: cluster, sink: sink, sinkURL: url, directory: directory, executable: executable,
                    plan: .init(
                        watchEvents: watchEvents, crashRate: crashRate, sustainedCrashes: sustainedCrashes, burstCrashes: burstCrashes,
                        idleWait: quick ? .seconds(1) : .seconds(3), deliveryTimeout: .seconds(120)),
                    listBytes: ceiling.bytes, log: progress)
                var watchStart = cluster.resourceVersion
                var watchCount = watchEvents
                do {
                    let outcome = try await runner.run()
                    report.muninn = outcome.result
                    watchStart = outcome.resourceVersionBeforeWatch
                    watchCount = outcome.watchEvents
                } catch {
                    report.muninnError = "\(error)"
                    progress("muninn: \(error)")
                }
                try await runPeers(peerRunner, cluster: cluster, ceilingSeconds: ceiling.seconds, ceilingPeak: ceiling.outcome.peakRSS,
                                   watchStart: watchStart, watchCount: watchCount, report: &report, progress: progress)
                return report
            }
        }
    }

    private func runPeers(
        _ peerRunner: PeerRunner, cluster: BenchCluster, ceilingSeconds: Double, ceilingPeak: Int, watchStart: String, watchCount: Int,
        report: inout BenchReport, progress: @Sendable (String) -> Void
    ) async throws {
        let names = Set(peerNames)
        let listBytes = report.listBytes
        let muninnSync = report.muninn.map { $0.syncSeconds }
        let muninnRate = report.muninn.map { $0.watchEventsPerSecond }
        func listed(_ peer: BenchReport.Peer) -> BenchReport.Peer {
            var peer = peer
            if let seconds = peer.seconds, let muninnSync { peer.muninnSpeedup = seconds / muninnSync }
            progress("\(peer.name): \(peer.status)\(peer.seconds.map { String(format: " %.2f s", $0) } ?? "")")
            return peer
        }
        func watched(_ peer: BenchReport.Peer) -> BenchReport.Peer {
            var peer = peer
            if let rate = peer.eventsPerSecond, let muninnRate, rate > 0 { peer.muninnSpeedup = muninnRate / rate }
            progress("\(peer.name): \(peer.status)\(peer.eventsPerSecond.map { String(format: " %.0f events/s", $0) } ?? "")")
            return peer
        }
        let skipped = "skipped: more than --peer-max-pods \(peerMaxPods) pods"
        let heavyAllowed = cluster.pods.count <= peerMaxPods
        if names.contains("ceiling") {
            report.listPeers.append(listed(BenchReport.Peer(
                name: "read and discard (ceiling)", status: "ok", seconds: ceilingSeconds, megabytesPerSecond: Double(listBytes) / 1e6 / ceilingSeconds,
                peakRSSBytes: ceilingPeak)))
        }
        if names.contains("kubectl") {
            var peer = BenchReport.Peer(name: "kubectl get pods -A -o name", status: skipped)
            if heavyAllowed { peer = try await peerRunner.kubectlList(pods: cluster.pods.count, listBytes: listBytes) }
            report.listPeers.append(listed(peer))
        }
        let script = "\(peerRunner.directory)/python_peer.py"
        try PythonPeerScript.source.write(toFile: script, atomically: true, encoding: .utf8)
        if names.contains("python") {
            var peer = BenchReport.Peer(name: "python list_pod_for_all_namespaces", status: skipped)
            if heavyAllowed { peer = try await peerRunner.pythonList(pods: cluster.pods.count, listBytes: listBytes, script: script) }
            report.listPeers.append(listed(peer))
        }
        guard report.muninn != nil else { return }
        if names.contains("ceiling") {
            let peer = try await peerRunner.replayWatch(
                name: "read and discard (ceiling)", executable: peerRunner.executable,
                arguments: ["bench-read", "watch", "--server", cluster.simulator.baseURL.absoluteString, "--ca-file", cluster.caPath,
                            "--token-file", cluster.tokenPath, "--resource-version", watchStart, "--events", String(watchCount)],
                label: "ceiling-watch", events: watchCount)
            report.watchPeers.append(watched(peer))
        }
        if names.contains("python") {
            if let python = PeerRunner.pythonWithClient() {
                let peer = try await peerRunner.replayWatch(
                    name: "python watch.Watch().stream", executable: python,
                    arguments: [script, cluster.kubeconfigPath, "watch", watchStart, String(watchCount)], label: "python-watch", events: watchCount)
                report.watchPeers.append(watched(peer))
            } else {
                report.watchPeers.append(BenchReport.Peer(name: "python watch.Watch().stream", status: "not installed"))
            }
        }
        if names.contains("kubectl") {
            var peer = BenchReport.Peer(name: "kubectl get pods -A -w -o name", status: skipped)
            if heavyAllowed { peer = try await peerRunner.kubectlWatch(pods: cluster.pods.count, events: watchCount) }
            report.watchPeers.append(watched(peer))
        }
    }
}
