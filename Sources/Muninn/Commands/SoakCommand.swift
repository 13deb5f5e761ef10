import ArgumentParser
import Foundation
import KubeSim
import Logging

/// `muninn soak`: `muninn run` against a churning simulated cluster for half an hour (by default), sampling its
/// memory, threads, open files, sockets and store, and counting every alert and change message at a local sink.
/// See docs/reliability.md (Soak) and docs/benchmarks.md.
struct SoakCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Run `muninn run` against a churning simulated cluster and check that nothing grows and no alert is lost or repeated.",
        discussion: """
            Starts the kube-apiserver simulator in this process with --pods pods shaped like `muninn bench`'s \
            (~14 KB each, in Deployments of 10), and 40 ConfigMaps; then runs `muninn run` as its own process with a \
            configuration written for it: alerts to a local webhook sink, the change watch on Deployments and \
            ConfigMaps posting to the sink, the dashboard on a free port, the SQLite store in a temporary directory \
            (TMPDIR, or --store-directory). For --minutes it churns the cluster: main containers crash \
            (--crash-rate per second), pods are deleted and replaced (--delete-rate), readiness flaps \
            (--flap-rate), a Deployment's image changes every --rollout-seconds and a ConfigMap is edited every \
            --configmap-seconds. Every --sample-seconds it reads the process from /proc (RSS, VmHWM, threads, open \
            files, sockets), the store's size, the dashboard's /healthz and /metrics, and the alerts and changes \
            expected and delivered. At the end it waits for the last deliveries, stops Muninn with SIGTERM, prints a \
            table with a verdict per resource (flat or growing, from the samples after the first third: \
            docs/reliability.md) and, with --json, every sample. Exits 1 if an alert was lost or duplicated or the \
            run failed.
            """
    )

    @Option(help: ArgumentHelp("Pods in the simulated cluster (the count stays while pods are replaced).", valueName: "n"))
    var pods = 10_000

    @Option(help: ArgumentHelp("Namespaces the pods are spread over.", valueName: "n"))
    var namespaces = 20

    @Option(help: ArgumentHelp("Length of the churn.", valueName: "minutes"))
    var minutes = 30.0

    @Option(help: ArgumentHelp("Seconds between samples of the Muninn process.", valueName: "seconds"))
    var sampleSeconds = 10.0

    @Option(help: ArgumentHelp("Container crashes per second (each one alert).", valueName: "n"))
    var crashRate = 3.0

    @Option(help: ArgumentHelp("Pods deleted (and replaced by their Deployment) per second.", valueName: "n"))
    var deleteRate = 2.0

    @Option(help: ArgumentHelp("Readiness flaps per second (a pod not ready for --flap-seconds, then ready again).", valueName: "n"))
    var flapRate = 5.0

    @Option(help: ArgumentHelp("How long a flapping pod stays not ready.", valueName: "seconds"))
    var flapSeconds = 3.0

    @Option(help: ArgumentHelp("One Deployment's image is changed every this many seconds (0: never).", valueName: "seconds"))
    var rolloutSeconds = 60.0

    @Option(help: ArgumentHelp("One ConfigMap is edited every this many seconds (0: never).", valueName: "seconds"))
    var configmapSeconds = 20.0

    @Option(help: ArgumentHelp("ConfigMaps in the cluster.", valueName: "n"))
    var configmaps = 40

    @Option(help: ArgumentHelp("After the churn, how long to wait at most for the last alerts and changes.", valueName: "seconds"))
    var settleSeconds = 300.0

    @Option(help: ArgumentHelp("Where the SQLite store goes (default: the run's temporary directory, under TMPDIR).", valueName: "path"))
    var storeDirectory: String?

    @Option(help: ArgumentHelp("Also write the report with every sample as JSON to this file.", valueName: "file"))
    var json: String?

    @Option(help: ArgumentHelp("The muninn executable to run as `muninn run` (default: this one).", valueName: "path"))
    var muninnExecutable: String?

    func validate() throws {
        if pods < 10 { throw ValidationError("--pods must be at least 10") }
        if namespaces < 1 { throw ValidationError("--namespaces must be at least 1") }
        if !(minutes > 0) || !(sampleSeconds > 0) { throw ValidationError("--minutes and --sample-seconds must be positive") }
        let rates = [crashRate, deleteRate, flapRate, flapSeconds, rolloutSeconds, configmapSeconds, settleSeconds]
        if rates.contains(where: { !($0 >= 0) || !$0.isFinite }) || configmaps < 0 {
            throw ValidationError("rates, intervals and counts must not be negative")
        }
    }

    var plan: SoakPlan {
        SoakPlan(
            seconds: minutes * 60, sampleSeconds: sampleSeconds, crashesPerSecond: crashRate, deletionsPerSecond: deleteRate,
            readinessFlapsPerSecond: flapRate, readinessFlapSeconds: flapSeconds, rolloutSeconds: rolloutSeconds,
            configMapSeconds: configmapSeconds, configMaps: configmaps, settleSeconds: settleSeconds)
    }

    func run() async throws {
        LoggingBootstrap.bootstrap(level: .error, format: .text)
        let executable = try muninnExecutable ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("muninn-soak-\(ProcessInfo.processInfo.processIdentifier)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }  // try?: temporary files only
        let storeDirectory = self.storeDirectory ?? directory
        try FileManager.default.createDirectory(atPath: storeDirectory, withIntermediateDirectories: true)
        let storePath = "\(storeDirectory)/muninn-soak-\(ProcessInfo.processInfo.processIdentifier).db"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: storePath + suffix) } }  // try?: our own files

        let report = try await soak(executable: executable, directory: directory, storePath: storePath)
        StandardOutput.writeLine(SoakTable.render(report))
        if let json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: json))
            StandardOutput.writeLine("results written to \(json)")
        }
        guard report.error == nil, let alerts = report.alerts, alerts.lost == 0, alerts.duplicated == 0 else { throw ExitCode.failure }
    }

    private func soak(executable: String, directory: String, storePath: String) async throws -> SoakReport {
        let token = RandomToken.make()
        var logger = Logger(label: "muninn.soak.sim")
        logger.logLevel = .critical
        let configuration = SimulatorConfiguration(tls: true, auth: .token(token), watchHistoryWindow: 20_000, watchBufferSize: 20_000, logger: logger)
        let progress: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        let plan = self.plan
        return try await withSimulator(configuration) { simulator in
            let loadStart = MonotonicTime.nanoseconds()
            let cluster = try BenchCluster(simulator: simulator, token: token, count: pods, namespaces: namespaces, directory: directory)
            let churn = try SoakChurn(cluster: cluster, plan: plan, namespaces: namespaces)
            progress(String(format: "cluster of %ld pods and %ld ConfigMaps ready in %.1f s", cluster.pods.count, churn.configMaps.count,
                            MonotonicTime.seconds(from: loadStart, to: MonotonicTime.nanoseconds())))
            var report = SoakReport(
                pods: cluster.pods.count, namespaces: namespaces, plan: plan, machine: BenchMachine.describe(),
                command: (["muninn"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
                startedAt: ISO8601DateFormatter().string(from: Date()), storePath: storePath)
            let ledger = SinkLedger()
            let sink = WebhookSink(ledger: ledger)
            return try await sink.serve { url in
                let runner = SoakRunner(
                    churn: churn, sink: sink, ledger: ledger, sinkURL: url, directory: directory, storePath: storePath, executable: executable,
                    plan: plan, log: progress)
                do {
                    try await runner.run(into: &report)
                } catch {
                    report.error = "\(error)"
                    report.churn = churn.totals
                    progress("soak: \(error)")
                }
                return report
            }
        }
    }
}
