import Foundation
import KubeSim

/// Runs the peers (kubectl, the official Python client, the read-and-discard ceiling) on the cluster the
/// Muninn process just measured, with the same bytes, and watches their memory and CPU from /proc.
struct PeerRunner {
    let cluster: BenchCluster
    let directory: String
    let executable: String
    let log: (String) -> Void

    struct Outcome {
        var status: Int32?
        var seconds: Double
        var peakRSS: Int
        var cpuSeconds: Double
        var output: [String]
        var process: BenchProcess
    }

    /// Starts a program and samples it until it exits (or `timeout`).
    func run(_ executable: String, _ arguments: [String], label: String, timeout: Duration) async throws -> Outcome {
        let process = try BenchProcess(executable, arguments, directory: directory, label: label)
        let probe = process.probe
        var peak = 0
        var cpu = 0.0
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            if let sample = probe.sample() {
                peak = max(peak, sample.peakRSS)
                cpu = sample.cpuSeconds
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        let timedOut = process.isRunning
        let status = timedOut ? nil : process.process.terminationStatus
        if timedOut { await process.stop() }
        process.process.waitUntilExit()
        let seconds = MonotonicTime.seconds(from: process.startedAt, to: MonotonicTime.nanoseconds())
        let output = process.standardOutput.split(separator: "\n").map(String.init)
        return Outcome(status: status, seconds: seconds, peakRSS: peak, cpuSeconds: cpu, output: output, process: process)
    }

    static func failure(_ outcome: Outcome) -> String {
        guard let status = outcome.status else { return "failed: timed out" }
        let detail = outcome.process.standardError.split(separator: "\n").last.map(String.init) ?? ""
        return "failed: exit \(status) \(detail)"
    }

    // MARK: Lists

    func ceilingList() async throws -> (bytes: Int, seconds: Double, outcome: Outcome) {
        let outcome = try await run(
            executable, ["bench-read", "list", "--server", cluster.simulator.baseURL.absoluteString, "--ca-file", cluster.caPath, "--token-file", cluster.tokenPath],
            label: "ceiling-list", timeout: .seconds(1800))
        guard outcome.status == 0, let line = outcome.output.first(where: { $0.hasPrefix("listed ") }) else {
            throw BenchError("the read-and-discard reader \(Self.failure(outcome))")
        }
        let fields = line.split(separator: " ")
        guard fields.count == 5, let bytes = Int(fields[1]), let start = UInt64(fields[3]), let end = UInt64(fields[4]) else {
            throw BenchError("the read-and-discard reader printed '\(line)'")
        }
        return (bytes, MonotonicTime.seconds(from: start, to: end), outcome)
    }

    func kubectlList(pods: Int, listBytes: Int) async throws -> BenchReport.Peer {
        guard let kubectl = BenchProcess.locate("kubectl") else { return BenchReport.Peer(name: "kubectl get pods -A -o name", status: "not installed") }
        let outcome = try await run(
            kubectl, ["--kubeconfig", cluster.kubeconfigPath, "--cache-dir", "\(directory)/kube-cache", "get", "pods", "-A", "-o", "name"],
            label: "kubectl-list", timeout: .seconds(3600))
        var peer = BenchReport.Peer(name: "kubectl get pods -A -o name", status: "ok")
        guard outcome.status == 0, outcome.output.count == pods else {
            peer.status = outcome.status == 0 ? "failed: listed \(outcome.output.count) of \(pods) pods" : Self.failure(outcome)
            return peer
        }
        peer.seconds = outcome.seconds
        peer.megabytesPerSecond = Double(listBytes) / 1e6 / outcome.seconds
        peer.peakRSSBytes = outcome.peakRSS
        peer.cpuSeconds = outcome.cpuSeconds
        return peer
    }

    func pythonList(pods: Int, listBytes: Int, script: String) async throws -> BenchReport.Peer {
        var peer = BenchReport.Peer(name: "python list_pod_for_all_namespaces", status: "ok")
        guard let python = Self.pythonWithClient() else {
            peer.status = "not installed"
            return peer
        }
        let outcome = try await run(python, [script, cluster.kubeconfigPath, "list"], label: "python-list", timeout: .seconds(3600))
        guard outcome.status == 0, let line = outcome.output.first(where: { $0.hasPrefix("listed ") }) else {
            peer.status = Self.failure(outcome)
            return peer
        }
        let fields = line.split(separator: " ")
        guard fields.count == 5, Int(fields[1]) == pods, let start = UInt64(fields[3]), let end = UInt64(fields[4]) else {
            peer.status = "failed: printed '\(line)'"
            return peer
        }
        let seconds = MonotonicTime.seconds(from: start, to: end)
        peer.seconds = seconds
        peer.megabytesPerSecond = Double(listBytes) / 1e6 / seconds
        peer.peakRSSBytes = outcome.peakRSS
        peer.cpuSeconds = outcome.cpuSeconds
        return peer
    }

    /// python3 with the `kubernetes` package importable, or nil.
    static func pythonWithClient() -> String? {
        guard let python = BenchProcess.locate("python3") else { return nil }
        let check = Process()
        check.executableURL = URL(fileURLWithPath: python)
        check.arguments = ["-c", "import kubernetes"]
        check.standardOutput = FileHandle.nullDevice
        check.standardError = FileHandle.nullDevice
        do { try check.run() } catch { return nil }
        check.waitUntilExit()
        return check.terminationStatus == 0 ? python : nil
    }

    // MARK: Watches

    /// A watch replaying `events` pod events from `resourceVersion` (kept in the server's history): events per
    /// second from the first event to the last, so process start-up is not counted.
    func replayWatch(name: String, executable: String, arguments: [String], label: String, events: Int) async throws -> BenchReport.Peer {
        let outcome = try await run(executable, arguments, label: label, timeout: .seconds(1800))
        var peer = BenchReport.Peer(name: name, status: "ok")
        let first = outcome.output.first { $0.hasPrefix("first ") }.flatMap { UInt64($0.split(separator: " ").last ?? "") }
        let last = outcome.output.last { $0.hasPrefix("events \(events) ") }.flatMap { UInt64($0.split(separator: " ").last ?? "") }
        guard outcome.status == 0, let first, let last, last > first else {
            peer.status = outcome.status == 0 ? "failed: saw fewer than \(events) events" : Self.failure(outcome)
            return peer
        }
        peer.seconds = MonotonicTime.seconds(from: first, to: last)
        peer.eventsPerSecond = Double(events - 1) / (peer.seconds ?? 1)
        peer.peakRSSBytes = outcome.peakRSS
        peer.cpuSeconds = outcome.cpuSeconds
        return peer
    }

    /// `kubectl get pods -A -w -o name`: it lists first (one line per pod), then watches. Once the list is out it
    /// is paused, `events` updates are queued for it, and the time to print them after it resumes is measured.
    func kubectlWatch(pods: Int, events: Int) async throws -> BenchReport.Peer {
        let name = "kubectl get pods -A -w -o name"
        guard let kubectl = BenchProcess.locate("kubectl") else { return BenchReport.Peer(name: name, status: "not installed") }
        let process = try BenchProcess(
            kubectl, ["--kubeconfig", cluster.kubeconfigPath, "--cache-dir", "\(directory)/kube-cache", "get", "pods", "-A", "-w", "-o", "name"],
            directory: directory, label: "kubectl-watch")
        var follower = OutputFollower(path: process.stdoutPath)
        var peer = BenchReport.Peer(name: name, status: "ok")
        let listDeadline = ContinuousClock.now + .seconds(3600)
        while follower.lineCount < pods, process.isRunning, ContinuousClock.now < listDeadline {
            _ = follower.poll()
            try await Task.sleep(for: .milliseconds(10))
        }
        guard follower.lineCount >= pods, process.isRunning else {
            await process.stop()
            peer.status = "failed: printed \(follower.lineCount) of \(pods) pods"
            return peer
        }
        process.pause()
        let written = try cluster.readinessFlips(events)
        let cpuBefore = process.probe.sample()?.cpuSeconds ?? 0
        let resumed = MonotonicTime.nanoseconds()
        process.resume()
        let deadline = ContinuousClock.now + .seconds(1800)
        while follower.lineCount < pods + written, process.isRunning, ContinuousClock.now < deadline {
            _ = follower.poll()
            if follower.lineCount >= pods + written { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        let done = MonotonicTime.nanoseconds()
        let sample = process.probe.sample()
        await process.stop()
        guard follower.lineCount >= pods + written else {
            peer.status = "failed: printed \(follower.lineCount - pods) of \(written) events"
            return peer
        }
        peer.seconds = MonotonicTime.seconds(from: resumed, to: done)
        peer.eventsPerSecond = Double(written) / (peer.seconds ?? 1)
        peer.peakRSSBytes = sample?.peakRSS
        peer.cpuSeconds = sample.map { $0.cpuSeconds - cpuBefore }
        return peer
    }
}
