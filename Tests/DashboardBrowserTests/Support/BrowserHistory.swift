import Foundation
import KubeAPI
import KubeJSON
import KubeSim
import KubeletModel
import Logging
import MuninnCore
import MuninnStore
import MuninnTesting
import NotifierFakes

@testable import Muninn

/// A SQLite history as `muninn run` leaves it: a day of older OOM kills for the chart and paging (written
/// through the outbox like the pipeline writes), then a real pipeline run against the simulator that sees a
/// Python traceback, a Go panic, a Java OOM, an OOM kill, an image that cannot be pulled and a crash whose log
/// holds an XSS payload, each delivered to a webhook. Filled once per test process (`shared`).
struct BrowserHistory: Sendable {
    let storePath: String
    /// Store ids of the pipeline's incidents, by what they are (`traceback`, `panic`, `oom`, `pull`, `hostile`, `java`).
    let ids: [String: Int64]

    static let cluster = "prod"
    static let scriptLine = "<script>alert(1)</script>"
    static let imageLine = "<img src=x onerror=alert(document.cookie)>"

    static let scenario = Scenario(
        namespaces: ["shop", "batch"], nodes: ["node-a", "node-b"],
        workloads: [
            WorkloadSpec(kind: .deployment, name: "checkout", namespace: "shop", containers: [
                ContainerBlueprint(name: "app", image: "ghcr.io/acme/checkout:4.2", behaviour: .crashLoop(exit: .error(exitCode: 1, lastWords: .stackTrace), after: 4))
            ]),
            WorkloadSpec(kind: .deployment, name: "ledger", namespace: "shop", containers: [
                ContainerBlueprint(name: "ledger", image: "ghcr.io/acme/ledger:2.0", behaviour: .crashLoop(exit: .error(exitCode: 2, lastWords: .panic), after: 6))
            ]),
            WorkloadSpec(kind: .deployment, name: "gateway", namespace: "shop", containers: [
                ContainerBlueprint(name: "gw", image: "registry.invalid/acme/gateway:404", behaviour: .imagePullFailure)
            ]),
            WorkloadSpec(kind: .deployment, name: "api", namespace: "shop", containers: [ContainerBlueprint(name: "api", image: "ghcr.io/acme/api:7.1")]),
            WorkloadSpec(kind: .deployment, name: "frontend", namespace: "shop", containers: [ContainerBlueprint(name: "web", image: "ghcr.io/acme/frontend:3.3")]),
            WorkloadSpec(kind: .deployment, name: "reports", namespace: "batch", containers: [ContainerBlueprint(name: "report", image: "ghcr.io/acme/reports:1.9")]),
            WorkloadSpec(kind: .deployment, name: "sentinel", namespace: "batch", containers: [ContainerBlueprint(name: "s", image: "busybox:1.36")]),
            WorkloadSpec(kind: .deployment, name: "canary", namespace: "batch", containers: [ContainerBlueprint(name: "c", image: "busybox:1.36")]),
        ],
        timeline: [])

    static func yaml(webhookURL: String, kubeconfigPath: String, storePath: String) -> String {
        """
        cluster:
          name: \(cluster)
        destinations:
          audit:
            type: webhook
            url: \(webhookURL)
        alerts:
          notReadyAfter: off
          flood:
            expiry: off
        kubernetes:
          kubeconfig: \(kubeconfigPath)
        store:
          path: \(storePath)
        """
    }

    static func fill(directory: URL) async throws -> BrowserHistory {
        // Before the pipeline creates its counters, so /metrics shows this run's.
        _ = MetricsBootstrap.registry
        let storePath = directory.appendingPathComponent("muninn.db").path
        let now = Date()
        _ = try await SQLiteStore.withStore(path: storePath, logger: Logger(label: "browser.store")) { store in
            try await HistoryFixture.fill(
                store,
                samples: HistoryFixture.bulk(count: 30, first: now.addingTimeInterval(-30 * 3_600), spacing: 3_600, namespace: "batch")
                    .map { sample in
                        var sample = sample
                        sample.cluster = cluster
                        sample.workload = Alert.Workload(kind: "Deployment", name: "nightly")
                        sample.pod = "nightly-\(sample.name.dropFirst(5))"
                        sample.logs = "\(RFC3339.format(sample.occurredAt)) INFO  loading partition \(sample.name.dropFirst(5))\nKilled\n"
                        return sample
                    })
        }
        try await withSimulator(SimulatorConfiguration(tls: true, auth: .token("browser-test-token"))) { simulator in
            let kubeconfigPath = directory.appendingPathComponent("kubeconfig").path
            try simulator.writeKubeconfig(to: kubeconfigPath)
            var engine = ScenarioEngine(scenario: scenario, seed: 11, start: now)
            var clock = now
            try simulator.apply(engine.advance(to: clock))
            try await withFakeWebhook { webhook, webhookURL in
                let configuration = try MuninnConfiguration.parse(
                    yaml(webhookURL: webhookURL, kubeconfigPath: kubeconfigPath, storePath: storePath), file: "browser.yaml")
                try await runPipeline(configuration) {
                    for _ in 0..<12 {
                        clock += 1
                        try simulator.apply(engine.advance(to: clock))
                    }
                    func pod(_ workload: String, _ namespace: String = "shop") throws -> String {
                        guard let pod = engine.pods(ofWorkload: "\(namespace)/\(workload)").first(where: { $0.isActive }) else {
                            throw BrowserTestError("no active pod of \(namespace)/\(workload)")
                        }
                        return pod.name
                    }
                    try simulator.apply(engine.perform(.oom(target: "shop/\(try pod("api"))"), now: clock))
                    let reports = try pod("reports", "batch")
                    try simulator.apply(
                        engine.perform(.crash(target: "batch/\(reports)", exit: ContainerExit(exitCode: 3, reason: "Error", lastWords: .javaOutOfMemory)), now: clock))
                    // The hostile lines go into the running container's log, then it crashes.
                    let frontend = try pod("frontend")
                    let status = try simulator.get(.pods, namespace: "shop", name: frontend)
                    guard let containerID = status[path: ["status", "containerStatuses"]]?[0]?["containerID"]?.stringValue else {
                        throw BrowserTestError("frontend has no container ID")
                    }
                    let hostile = "GET /search?q=\(scriptLine) 500\nrendering comment: \(imageLine)\npanic: template: comment:1: unexpected \"<\" in operand\n"
                    try simulator.apply([.appendLog(namespace: "shop", pod: frontend, container: "web", containerID: containerID, text: hostile)])
                    try simulator.apply(engine.perform(.crash(target: "shop/\(frontend)", exit: .error(exitCode: 2, lastWords: .none)), now: clock))
                    // Everything before the sentinel's crash is delivered once the sentinel's alert arrives (one lane, in order).
                    try simulator.apply(engine.perform(.crash(target: "batch/\(try pod("sentinel", "batch"))", exit: .error(exitCode: 9, lastWords: .none)), now: clock))
                    try await arrival(of: "s", at: webhook)
                    // The watch is open (it delivered the sentinel's crash). It ends as when an API server rolls; the
                    // canary's crash arrives through the watch opened again, after the restart was counted for /metrics.
                    simulator.closeAllWatches()
                    try simulator.apply(engine.perform(.crash(target: "batch/\(try pod("canary", "batch"))", exit: .error(exitCode: 9, lastWords: .none)), now: clock))
                    try await arrival(of: "c", at: webhook)
                }
            }
        }
        return try await SQLiteStore.withStore(path: storePath, logger: Logger(label: "browser.store")) { store in
            // What `muninn run`'s retention does after each prune: sets muninn_store_bytes.
            _ = await RetentionService(store: store, policy: RetentionPolicy()).pruneOnce()
            var ids: [String: Int64] = [:]
            func find(_ name: String, _ query: IncidentQuery) async throws {
                guard let item = try await store.incidents(query).items.first else { throw BrowserTestError("the pipeline stored no \(name) incident") }
                ids[name] = item.id
            }
            try await find("traceback", IncidentQuery(namespace: "shop", workload: WorkloadFilter(kind: "Deployment", name: "checkout"), kinds: [.containerTerminated]))
            try await find("panic", IncidentQuery(namespace: "shop", workload: WorkloadFilter(kind: "Deployment", name: "ledger"), kinds: [.containerTerminated]))
            try await find("oom", IncidentQuery(namespace: "shop", workload: WorkloadFilter(kind: "Deployment", name: "api"), reason: "OOMKilled"))
            try await find("pull", IncidentQuery(namespace: "shop", workload: WorkloadFilter(kind: "Deployment", name: "gateway")))
            try await find("hostile", IncidentQuery(namespace: "shop", workload: WorkloadFilter(kind: "Deployment", name: "frontend")))
            try await find("java", IncidentQuery(namespace: "batch", workload: WorkloadFilter(kind: "Deployment", name: "reports")))
            return BrowserHistory(storePath: storePath, ids: ids)
        }
    }

    /// Waits until the alert of a crash of `container` reached the webhook.
    private static func arrival(of container: String, at webhook: FakeWebhookReceiver) async throws {
        var deliveries = webhook.deliveries
        while !deliveries.contains(where: { $0.payload["container"]?.stringValue == container }) {
            deliveries = try await webhook.waitForMessages(deliveries.count + 1, timeout: .seconds(40))
        }
    }

    /// Runs the pipeline of `muninn run` while `body` runs (from the end of its first list on), then cancels it.
    private static func runPipeline(_ configuration: MuninnConfiguration, _ body: () async throws -> Void) async throws {
        try await SQLiteStore.withStore(path: configuration.store.path, logger: Logger(label: "browser.store")) { store in
            let assembly = PipelineAssembly(configuration: configuration, consoleWrite: { _ in })
            let (synced, syncedContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
            let pipeline = assembly.service(
                store: store, notifiers: try assembly.notifiers(),
                onEvent: { event, _ in
                    if case .synced = event { syncedContinuation.yield() }
                }, logger: Logger(label: "browser.pipeline"))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        try await pipeline.run()
                    } catch is CancellationError {
                        // The expected end.
                    }
                }
                var iterator = synced.makeAsyncIterator()
                _ = await iterator.next()
                try await body()
                group.cancelAll()
                try? await group.waitForAll()  // try?: a stage may end in its own cancellation error
            }
        }
    }

    /// The history every browser test reads, filled by the first test that asks (the suite runs its tests one by one).
    static func shared() async throws -> BrowserHistory { try await SharedBrowserHistory.instance.history() }
}
