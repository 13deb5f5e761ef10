import AsyncHTTPClient
import Foundation

/// Runs `muninn run` as its own process against the soak's cluster, churns the cluster for the plan's length while
/// sampling the process, waits for the last deliveries, stops Muninn with SIGTERM, and judges what it saw.
struct SoakRunner {
    static let storeResource = "store size"

    let churn: SoakChurn
    let sink: WebhookSink
    let ledger: SinkLedger
    let sinkURL: String
    let directory: String
    let storePath: String
    let executable: String
    let plan: SoakPlan
    let log: @Sendable (String) -> Void

    func run(into report: inout SoakReport) async throws {
        let configPath = "\(directory)/soak.yaml"
        let changesURL = sinkURL.replacingOccurrences(of: "/hook", with: "/changes")
        try SoakMuninnConfiguration.yaml(kubeconfig: churn.cluster.kubeconfigPath, sinkURL: sinkURL, changesURL: changesURL, storePath: storePath)
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        let process = try BenchProcess(executable, ["run", "--config", configPath], directory: directory, label: "muninn")
        var muninnLog = MuninnLogFollower(path: process.stderrPath)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await waitForSync(process, &muninnLog)
            report.syncSeconds = muninnLog.podListSyncedAt.map { MonotonicTime.seconds(from: process.startedAt, to: $0) }
            log(String(format: "muninn: in sync after %.1f s", report.syncSeconds ?? 0) + ", dashboard at \(muninnLog.dashboardURL ?? "-")")
            // The log gives "http://127.0.0.1:PORT/"; the probe appends absolute paths.
            var base = muninnLog.dashboardURL ?? ""
            while base.hasSuffix("/") { base.removeLast() }
            let dashboard = DashboardProbe(baseURL: base)
            try await churnAndSample(process, dashboard: dashboard, client: client, report: &report)
            let waited = try await settle(process)
            let end = try await sample(process, seconds: plan.seconds + waited, dashboard: dashboard, client: client)
            report.end = end.sample
            if !end.dashboardAnswered { report.dashboardFailures += 1 }
        } catch {
            muninnLog.poll()
            await process.stop(grace: .seconds(60))
            try? await client.shutdown()  // try?: the run's error is the one to report
            let errors = muninnLog.errors.joined(separator: "\n")
            throw BenchError("\(error)\(errors.isEmpty ? "" : "\nmuninn's last errors:\n\(errors)")")
        }
        await process.stop(grace: .seconds(60))
        try await client.shutdown()
        report.muninnExitStatus = process.process.terminationStatus
        judge(&report)
    }

    private func waitForSync(_ process: BenchProcess, _ muninnLog: inout MuninnLogFollower) async throws {
        let deadline = ContinuousClock.now + .seconds(3600)
        while muninnLog.podListSyncedAt == nil || muninnLog.changeScopesInSync < 2 || muninnLog.dashboardURL == nil {
            guard process.isRunning else { throw BenchError("muninn run exited before it was in sync: \(process.standardError.suffix(2000))") }
            guard ContinuousClock.now < deadline else { throw BenchError("muninn run was not in sync within an hour") }
            try churn.idle()
            try await Task.sleep(for: .milliseconds(20))
            muninnLog.poll()
        }
    }

    /// The churn and the sampler side by side, so a slow answer from Muninn's dashboard delays neither the churn nor
    /// the next sample; then the sample at the end of the churn.
    private func churnAndSample(_ process: BenchProcess, dashboard: DashboardProbe, client: HTTPClient, report: inout SoakReport) async throws {
        let start = ContinuousClock.now
        let sampled = try await withThrowingTaskGroup(of: Sampled?.self) { group in
            group.addTask {
                try await self.runChurn(from: start)
                return nil
            }
            group.addTask { try await self.sampleEvery(process, dashboard: dashboard, client: client, from: start) }
            var sampled = Sampled()
            for try await result in group {
                if let result { sampled = result }
            }
            return sampled
        }
        report.samples = sampled.samples
        report.dashboardFailures += sampled.dashboardFailures
        let last = try await sample(process, seconds: plan.seconds, dashboard: dashboard, client: client)
        report.samples.append(last.sample)
        if !last.dashboardAnswered { report.dashboardFailures += 1 }
    }

    private struct Sampled: Sendable {
        var samples: [SoakReport.Sample] = []
        var dashboardFailures = 0
    }

    private func runChurn(from start: ContinuousClock.Instant) async throws {
        let clock = ContinuousClock()
        let tick = Duration.milliseconds(50)
        var ticks = 0
        while true {
            let elapsed = Self.seconds(clock.now - start)
            if elapsed >= plan.seconds { break }
            try churn.step(elapsed: elapsed)
            ticks += 1
            try await clock.sleep(until: start + tick * ticks, tolerance: nil)
        }
        try churn.step(elapsed: plan.seconds)
    }

    /// A sample at 0 s and every `sampleSeconds` of the churn; a slot missed while a sample took long is skipped.
    private func sampleEvery(_ process: BenchProcess, dashboard: DashboardProbe, client: HTTPClient, from start: ContinuousClock.Instant) async throws -> Sampled {
        let clock = ContinuousClock()
        var sampled = Sampled()
        var slot = 0
        while plan.sampleSeconds * Double(slot) < plan.seconds {
            try await clock.sleep(until: start + .seconds(plan.sampleSeconds * Double(slot)), tolerance: nil)
            let taken = try await sample(process, seconds: Self.seconds(clock.now - start), dashboard: dashboard, client: client)
            sampled.samples.append(taken.sample)
            if !taken.dashboardAnswered { sampled.dashboardFailures += 1 }
            slot = max(slot + 1, Int(Self.seconds(clock.now - start) / plan.sampleSeconds) + 1)
        }
        return sampled
    }

    /// Until every expected crash alert and change message arrived, or `settleSeconds` passed; returns the seconds waited.
    private func settle(_ process: BenchProcess) async throws -> Double {
        let start = ContinuousClock.now
        let deadline = start + .seconds(plan.settleSeconds)
        while ContinuousClock.now < deadline, process.isRunning {
            let counts = ledger.snapshot
            if alertDelivery(counts).lost == 0, changeDelivery(counts).lost == 0 { break }
            try churn.idle()
            try await Task.sleep(for: .milliseconds(100))
        }
        return Self.seconds(ContinuousClock.now - start)
    }

    private func sample(
        _ process: BenchProcess, seconds: Double, dashboard: DashboardProbe, client: HTTPClient
    ) async throws -> (sample: SoakReport.Sample, dashboardAnswered: Bool) {
        guard let resources = ProcessResources.read(pid: process.pid) else { throw BenchError("muninn run exited during the soak (\(Int(seconds)) s in)") }
        let storeBytes = Self.storeBytes(storePath)
        let reading = await dashboard.read(client)
        let counts = ledger.snapshot
        let churned = churn.gauge.current
        let sample = SoakReport.Sample(
            seconds: seconds, process: resources, storeBytes: storeBytes, pods: churned.pods,
            crashesWritten: churned.crashes, crashAlertsDelivered: counts.crashAlerts, duplicatedAlerts: counts.duplicatedAlerts,
            changesMade: churned.changes, changesDelivered: counts.changes, watchEvents: reading?.watchEvents, relists: reading?.relists)
        log(String(
            format: "%5.0f s: RSS %.1f MB (peak %.1f), %ld threads, %ld fds (%ld sockets), store %.1f MB, alerts %ld/%ld, changes %ld/%ld, %ld pods",
            seconds, Double(resources.rssBytes) / 1e6, Double(resources.peakRSSBytes) / 1e6, resources.threads, resources.openFiles,
            resources.sockets, Double(storeBytes) / 1e6, sample.crashAlertsDelivered, sample.crashesWritten, sample.changesDelivered,
            sample.changesMade, sample.pods))
        return (sample, reading != nil)
    }

    /// Crash alerts: per pod, as many distinct alerts as crashes written.
    func alertDelivery(_ counts: SinkLedger.Counts) -> SoakReport.Delivery {
        Self.delivery(expected: churn.expectedCrashesByPod, delivered: counts.crashAlertsByPod.mapValues(\.count), duplicated: counts.duplicatedAlerts)
    }

    /// Change messages: per object, as many distinct changes as edits made.
    func changeDelivery(_ counts: SinkLedger.Counts) -> SoakReport.Delivery {
        Self.delivery(expected: churn.expectedChangesByObject, delivered: counts.changesByObject.mapValues(\.count), duplicated: counts.duplicatedChanges)
    }

    static func delivery(expected: [String: Int], delivered: [String: Int], duplicated: Int) -> SoakReport.Delivery {
        var matched = 0
        var lost = 0
        var unexpected = 0
        for (key, count) in expected {
            let arrived = delivered[key] ?? 0
            matched += min(count, arrived)
            lost += max(0, count - arrived)
        }
        for (key, arrived) in delivered { unexpected += max(0, arrived - (expected[key] ?? 0)) }
        return SoakReport.Delivery(
            expected: expected.values.reduce(0, +), delivered: matched, lost: lost, duplicated: duplicated, unexpected: unexpected)
    }

    private func judge(_ report: inout SoakReport) {
        let counts = ledger.snapshot
        report.alerts = alertDelivery(counts)
        report.changes = changeDelivery(counts)
        report.otherAlerts = counts.otherAlertsByKind.mapValues(\.count)
        report.churn = churn.totals
        report.verdicts = Self.verdicts(report.samples)
    }

    /// The verdict per resource over the churn's samples; tolerances in docs/reliability.md.
    static func verdicts(_ samples: [SoakReport.Sample]) -> [GrowthVerdict] {
        func series(_ value: (SoakReport.Sample) -> Int) -> [(seconds: Double, value: Double)] {
            samples.map { ($0.seconds, Double(value($0))) }
        }
        return [
            GrowthVerdict.judge("RSS", series(\.process.rssBytes), absoluteTolerance: 5e6, relativeTolerance: 0.05),
            GrowthVerdict.judge("peak RSS", series(\.process.peakRSSBytes), absoluteTolerance: 5e6, relativeTolerance: 0.05),
            GrowthVerdict.judge("threads", series(\.process.threads), absoluteTolerance: 2, relativeTolerance: 0),
            GrowthVerdict.judge("open files", series(\.process.openFiles), absoluteTolerance: 4, relativeTolerance: 0),
            GrowthVerdict.judge("sockets", series(\.process.sockets), absoluteTolerance: 2, relativeTolerance: 0),
            GrowthVerdict.judge(storeResource, series(\.storeBytes), absoluteTolerance: 1e6, relativeTolerance: 0.05),
        ]
    }

    static func storeBytes(_ path: String) -> Int {
        ["", "-wal", "-shm"].reduce(0) { total, suffix in
            let size = (try? FileManager.default.attributesOfItem(atPath: path + suffix)[.size] as? NSNumber)?.intValue ?? 0
            return total + size
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
