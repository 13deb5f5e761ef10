import Foundation

/// Measures the Muninn process: `muninn bench-watch` with the real pipeline of `muninn run`, against the
/// benchmark's cluster over HTTPS, alerting to the webhook sink.
struct MuninnRunner {
    struct Plan {
        var watchEvents: Int
        var crashRate: Double
        var sustainedCrashes: Int
        var burstCrashes: Int
        var idleWait: Duration
        var deliveryTimeout: Duration
    }

    let cluster: BenchCluster
    let sink: WebhookSink
    let sinkURL: String
    let directory: String
    let executable: String
    let plan: Plan
    let listBytes: Int
    let log: (String) -> Void

    /// Runs every phase; `resourceVersionBeforeWatch` is where the watch phase's events start (peers replay them).
    func run() async throws -> (result: BenchReport.Muninn, resourceVersionBeforeWatch: String, watchEvents: Int) {
        let process = try BenchProcess(
            executable, ["bench-watch", "--kubeconfig", cluster.kubeconfigPath, "--webhook-url", sinkURL, "--store", "\(directory)/muninn.db"],
            directory: directory, label: "muninn")
        do {
            let result = try await measure(process)
            await process.stop()
            return result
        } catch {
            await process.stop()
            let stderr = process.standardError.split(separator: "\n").suffix(5).joined(separator: "\n")
            throw BenchError("\(error)\(stderr.isEmpty ? "" : "\nwatcher stderr:\n\(stderr)")")
        }
    }

    private func measure(_ process: BenchProcess) async throws -> (result: BenchReport.Muninn, resourceVersionBeforeWatch: String, watchEvents: Int) {
        let probe = process.probe
        var progress = WatchProgress(path: process.stdoutPath)

        // 1. Initial sync: from the process's start to the end of the paginated list.
        try await waitFor("the initial list", timeout: .seconds(3600), process: process) {
            progress.poll()
            return progress.synced != nil
        }
        guard let synced = progress.synced else { throw BenchError("no sync reported") }
        let syncSeconds = MonotonicTime.seconds(from: process.startedAt, to: synced.at)
        let afterSync = try sample(probe)
        log(String(format: "muninn: synced %ld pods in %.2f s, peak RSS %.1f MB", synced.count, syncSeconds, Double(afterSync.peakRSS) / 1e6))
        try await Task.sleep(for: plan.idleWait)
        let idle = try sample(probe)

        // 2. Watch throughput: the process is paused while the server queues the updates, then timed from resume
        //    until it reports having run the last of them through detection.
        let resourceVersionBeforeWatch = cluster.resourceVersion
        process.pause()
        var target = plan.watchEvents
        // Progress is reported every 100 events: end on a multiple of 100.
        target += (100 - (synced.count + target) % 100) % 100
        let written = try cluster.readinessFlips(target)
        let before = try sample(probe)
        let resumed = MonotonicTime.nanoseconds()
        process.resume()
        let goal = synced.count + written - (synced.count + written) % 100
        try await waitFor("\(written) watch events", timeout: .seconds(1800), process: process, poll: .milliseconds(2)) {
            progress.poll()
            return progress.first(reaching: goal) != nil
        }
        guard let reached = progress.first(reaching: goal) else { throw BenchError("no watch progress reported") }
        let afterWatch = try sample(probe)
        let processed = reached.count - synced.count
        let watchSeconds = MonotonicTime.seconds(from: resumed, to: reached.at)
        let eventsPerSecond = Double(processed) / watchSeconds
        log(String(format: "muninn: %ld watch events in %.2f s (%.0f/s)", processed, watchSeconds, eventsPerSecond))

        // 3. Alert latency at a sustained crash rate, then 4. a burst, each on pods of its own.
        let crashPods = Array(cluster.pods.reversed())
        let sustainedPods = Array(crashPods.prefix(plan.sustainedCrashes))
        let burstPods = Array(crashPods.dropFirst(sustainedPods.count).prefix(plan.burstCrashes))
        let sustained = try await crashes(sustainedPods, rate: plan.crashRate, process: process)
        log("muninn: sustained \(sustained.delivered)/\(sustained.crashes) alerts, p99 \(sustained.latency.map { String(format: "%.1f ms", $0.p99) } ?? "-")")
        let burst = try await crashes(burstPods, rate: nil, process: process)
        log("muninn: burst \(burst.delivered)/\(burst.crashes) alerts, first after \(burst.firstAlertSeconds.map { String(format: "%.3f s", $0) } ?? "-")")
        let end = try sample(probe)

        let averagePodBytes = cluster.pods.isEmpty ? 0 : Double(listBytes) / Double(cluster.pods.count)
        let result = BenchReport.Muninn(
            syncSeconds: syncSeconds,
            syncMegabytesPerSecond: listBytes > 0 ? Double(listBytes) / 1e6 / syncSeconds : nil,
            watchEvents: processed, watchSeconds: watchSeconds, watchEventsPerSecond: eventsPerSecond,
            watchMegabytesPerSecond: averagePodBytes > 0 ? eventsPerSecond * averagePodBytes / 1e6 : nil,
            cpuSecondsPer1000Events: (afterWatch.cpuSeconds - before.cpuSeconds) / Double(max(processed, 1)) * 1000,
            cpuSecondsSync: afterSync.cpuSeconds,
            peakRSSAfterSyncBytes: afterSync.peakRSS, idleRSSBytes: idle.rss, rssAfterWatchBytes: afterWatch.rss,
            peakRSSBytes: end.peakRSS, rssEndBytes: end.rss,
            idleBytesPerPod: cluster.pods.isEmpty ? 0 : Double(idle.rss) / Double(cluster.pods.count),
            sustained: sustained, burst: burst)
        return (result, resourceVersionBeforeWatch, written)
    }

    /// Crashes `pods` (at `rate` per second, or all at once), then waits for their alerts at the sink.
    private func crashes(_ pods: [String], rate: Double?, process: BenchProcess) async throws -> BenchReport.AlertLatency {
        guard !pods.isEmpty else { return BenchReport.AlertLatency(crashes: 0, rate: rate, delivered: 0) }
        var written: [String: UInt64] = [:]
        let clock = ContinuousClock()
        let cpuBefore = try sample(process.probe).cpuSeconds
        let start = clock.now
        for (index, pod) in pods.enumerated() {
            if let rate {
                try await clock.sleep(until: start + .seconds(Double(index) / rate), tolerance: nil)
            }
            written[pod] = try cluster.crash(pod)
        }
        let deadline = clock.now + plan.deliveryTimeout
        while clock.now < deadline, process.isRunning {
            let arrived = sink.arrivalTimes
            if pods.allSatisfy({ arrived[$0] != nil }) { break }
            try await Task.sleep(for: .milliseconds(5))
        }
        let arrivals = sink.arrivalTimes
        let cpuAfter = try await cpuWhenIdle(process.probe)
        var latencies: [Double] = []
        var firstAlert: UInt64?
        var lastAlert: UInt64?
        for pod in pods {
            guard let sent = written[pod], let arrived = arrivals[pod] else { continue }
            latencies.append(Double(arrived > sent ? arrived - sent : 0) / 1e6)
            firstAlert = min(firstAlert ?? arrived, arrived)
            lastAlert = max(lastAlert ?? arrived, arrived)
        }
        let firstWrite = written.values.min() ?? 0
        return BenchReport.AlertLatency(
            crashes: pods.count, rate: rate, delivered: latencies.count, latency: LatencySummary(milliseconds: latencies),
            firstAlertSeconds: firstAlert.map { MonotonicTime.seconds(from: firstWrite, to: $0) },
            allDeliveredSeconds: latencies.count == pods.count ? lastAlert.map { MonotonicTime.seconds(from: firstWrite, to: $0) } : nil,
            cpuMillisecondsPerAlert: latencies.isEmpty ? nil : (cpuAfter - cpuBefore) * 1000 / Double(latencies.count))
    }

    /// The process's CPU seconds once it has settled: sampled every second until a second costs under 20 ms of CPU
    /// (at most 20 s), so work an alert leaves for later counts for it.
    private func cpuWhenIdle(_ probe: ProcessProbe) async throws -> Double {
        var last = try sample(probe).cpuSeconds
        for _ in 0..<20 {
            try await Task.sleep(for: .seconds(1))
            let now = try sample(probe).cpuSeconds
            if now - last < 0.02 { return now }
            last = now
        }
        return last
    }

    private func sample(_ probe: ProcessProbe) throws -> ProcessProbe.Sample {
        guard let sample = probe.sample() else { throw BenchError("the watcher process is gone") }
        return sample
    }

    private func waitFor(
        _ what: String, timeout: Duration, process: BenchProcess, poll: Duration = .milliseconds(10), _ condition: () -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard process.isRunning else { throw BenchError("the watcher exited while waiting for \(what)") }
            guard ContinuousClock.now < deadline else { throw BenchError("timed out waiting for \(what)") }
            try await Task.sleep(for: poll)
        }
    }
}
