import Foundation
import KubeAPI
import KubeJSON
import Logging

/// The change watch of one resource in one namespace (or all): reads its informer events one at a time, compares each
/// object with its stored baseline, runs the chain, and records the change with the new baseline in one store call.
///
/// Reading waits while a change is in the chain or the store fails, so a slow chain slows the watch (the reflector
/// reads the socket only as fast as events are taken) and nothing is buffered or dropped. A graceful shutdown stops
/// the reading at once but not the handling: a change in the chain is finished and recorded (``ChangeEventFeed``).
///
/// Start-up (the initial list, up to the first `.synced`):
/// - an object with a baseline is diffed against it; a difference is one change marked `whileStopped`;
/// - an object without one is a silent baseline on the first run of this scope, and an addition (`whileStopped`) on
///   later runs: it was created while Muninn was not running;
/// - a baseline whose object is not listed is a deletion (`whileStopped`).
/// The first run ends by storing the scope's marker (a baseline with an empty name, which no object has), so a scope
/// that was empty last time is not mistaken for a first run.
struct ChangeScopeWatcher {
    struct Dependencies: Sendable {
        var cluster: String
        var chain: ChangeChainRetry
        var differ: any ManifestDiffing
        var store: any ChangeStore
        var storeRetry: RetryPolicy
        var clock: any Clock<Duration>
        var now: @Sendable () -> Date
        var metrics: ChangeWatchMetrics
        var logger: Logger
        /// Where a change is noted while its chain runs, for a shutdown that has to cut it off.
        var inFlight = ChangesInFlight()
    }

    let watch: ResolvedWatch
    /// nil: every namespace (or a cluster-scoped resource).
    let namespace: String?
    let dependencies: Dependencies
    /// Called once the initial list has been compared with the baselines.
    let onSynced: (@Sendable () -> Void)?

    private var baselines: [String: ChangeBaseline] = [:]
    private var hasMarker = false
    /// Whether the initial list has been compared with the baselines; until then `listed` collects its objects.
    private var synced = false
    private var listed: Set<String> = []

    init(watch: ResolvedWatch, namespace: String?, dependencies: Dependencies, onSynced: (@Sendable () -> Void)?) {
        self.watch = watch
        self.namespace = namespace
        self.dependencies = dependencies
        self.onSynced = onSynced
    }

    private var resource: String { watch.resource.description }
    private var markerNamespace: String { namespace ?? "" }

    /// Watches until `events` ends or a graceful shutdown begins; a change in the chain at that moment is finished
    /// and recorded first (the service bounds the wait).
    mutating func run(_ events: ChangeEventSource.Events) async throws {
        try await loadBaselines()
        let feed = ChangeEventFeed()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await feed.read(events) }
            try await feed.handle { event in try await self.handle(event) }
            try await group.waitForAll()
        }
    }

    private mutating func handle(_ event: InformerEvent<JSONValue>) async throws {
        switch event.typed(apiVersion: watch.resource.groupVersion, kind: watch.kind) {
        case .added(let object), .modified(let object):
            if synced {
                try await observe(object, whileStopped: false)
            } else {
                listed.insert(Self.key(object))
                try await observeListed(object)
            }
        case .deleted(let object):
            try await observeDeletion(object, whileStopped: !synced)
        case .synced:
            guard !synced else { return }
            try await finishStartup(listed: listed)
            synced = true
            listed = []
            dependencies.logger.info("change watch in sync", metadata: ["resource": "\(resource)", "namespace": "\(namespace ?? "*")"])
            onSynced?()
        }
    }

    // MARK: Start-up

    private mutating func loadBaselines() async throws {
        let resource = self.resource
        let dependencies = self.dependencies
        let stored = try await StoreRetry.run(
            "read change baselines", policy: dependencies.storeRetry, clock: dependencies.clock, logger: dependencies.logger,
            metrics: dependencies.metrics.pipeline
        ) { () throws(StoreError) in
            try await dependencies.store.changeBaselines(cluster: dependencies.cluster, resource: resource)
        }
        for baseline in stored where namespace == nil || baseline.namespace == namespace {
            if baseline.name.isEmpty {
                if baseline.namespace == markerNamespace { hasMarker = true }
                continue
            }
            baselines[Self.key(namespace: baseline.namespace, name: baseline.name)] = baseline
        }
        dependencies.logger.info(
            "change watch starting",
            metadata: [
                "resource": "\(resource)", "namespace": "\(namespace ?? "*")", "baselines": "\(baselines.count)",
                "firstRun": "\(!hasMarker)",
            ])
    }

    private mutating func observeListed(_ object: JSONValue) async throws {
        if baselines[Self.key(object)] == nil && !hasMarker {
            try await commit(nil, object: object)
        } else {
            try await observe(object, whileStopped: true)
        }
    }

    private mutating func finishStartup(listed: Set<String>) async throws {
        for (key, baseline) in baselines.sorted(by: { $0.key < $1.key }) where !listed.contains(key) {
            _ = try await report(.deleted, object: nil, baseline: baseline, whileStopped: true)
        }
        guard !hasMarker else { return }
        let marker = ChangeBaseline(namespace: markerNamespace, name: "", uid: nil, resourceVersion: nil, manifest: .null)
        try await write(nil, namespace: markerNamespace, name: "", baseline: marker)
        hasMarker = true
    }

    // MARK: Events

    private mutating func observe(_ object: JSONValue, whileStopped: Bool) async throws {
        let baseline = baselines[Self.key(object)]
        if let baseline, let oldUID = baseline.uid, let newUID = ManifestFacts.uid(object), oldUID != newUID {
            // Deleted and created again under the same name: two changes, the deletion first.
            guard try await report(.deleted, object: nil, baseline: baseline, whileStopped: whileStopped) else { return }
            _ = try await report(.added, object: object, baseline: nil, whileStopped: whileStopped)
        } else {
            _ = try await report(baseline == nil ? .added : .updated, object: object, baseline: baseline, whileStopped: whileStopped)
        }
    }

    private mutating func observeDeletion(_ object: JSONValue, whileStopped: Bool) async throws {
        let baseline = baselines[Self.key(object)]
        // Without a baseline the object itself (unless a relist's placeholder) says what was deleted.
        guard baseline != nil || ManifestFacts.uid(object) != nil else { return }
        _ = try await report(.deleted, object: nil, baseline: baseline ?? Self.baseline(object, manifest: object), whileStopped: whileStopped)
    }

    /// Diffs, runs the chain and records the change; false when the chain gave up (the baseline stays as it was).
    private mutating func report(_ action: ChangeAction, object: JSONValue?, baseline: ChangeBaseline?, whileStopped: Bool) async throws -> Bool {
        let differ = dependencies.differ
        let diff = differ.diff(old: action == .added ? nil : baseline?.manifest, new: object, policy: watch.policy)
        // Status-only, resourceVersion-only and other server-side updates: nothing a user changed.
        guard !diff.isEmpty else { return true }
        let namespace = object.map(ManifestFacts.namespace) ?? baseline?.namespace ?? ""
        let name = object.map(ManifestFacts.name) ?? baseline?.name ?? ""
        let uid = object.flatMap(ManifestFacts.uid) ?? baseline?.uid
        let version = object.flatMap(ManifestFacts.resourceVersion) ?? "unknown"
        let change = ManifestChange(
            id: [dependencies.cluster, resource, namespace, name, uid ?? "", action == .deleted ? "deleted" : version].joined(separator: "/"),
            cluster: dependencies.cluster, resource: resource, kind: watch.kind, namespace: namespace, name: name, uid: uid, action: action,
            observedAt: dependencies.now(), whileStopped: whileStopped, workload: ManifestFacts.workload(kind: watch.kind, name: name),
            changedBy: object.flatMap(ManifestFacts.changedBy), diff: diff)
        let context = ChangeContext(
            old: action == .added ? nil : baseline?.manifest, new: object, policy: watch.policy, differ: differ, logger: dependencies.logger)
        let scope = "\(resource)/\(markerNamespace)"
        dependencies.inFlight.begin(change, scope: scope)
        defer { dependencies.inFlight.end(scope: scope) }
        switch try await dependencies.chain.run(change, context: context) {
        case .gaveUp:
            dependencies.metrics.change(action, outcome: "given_up")
            return false
        case .finished:
            dependencies.metrics.change(action, outcome: "reported")
            try await commit(change, object: object, namespace: namespace, name: name)
            return true
        }
    }

    /// Records `change` (nil: a silent baseline) with the object's new baseline (none once deleted).
    private mutating func commit(_ change: ManifestChange?, object: JSONValue?, namespace: String? = nil, name: String? = nil) async throws {
        let namespace = namespace ?? object.map(ManifestFacts.namespace) ?? ""
        let name = name ?? object.map(ManifestFacts.name) ?? ""
        let baseline = object.map { Self.baseline($0, manifest: dependencies.differ.normalize($0, policy: watch.policy)) }
        try await write(change, namespace: namespace, name: name, baseline: baseline)
        baselines[Self.key(namespace: namespace, name: name)] = baseline
    }

    private func write(_ change: ManifestChange?, namespace: String, name: String, baseline: ChangeBaseline?) async throws {
        let dependencies = self.dependencies
        let resource = self.resource
        try await StoreRetry.run(
            "record change", policy: dependencies.storeRetry, clock: dependencies.clock, logger: dependencies.logger, metrics: dependencies.metrics.pipeline
        ) { () throws(StoreError) in
            try await dependencies.store.commitChange(
                change, cluster: dependencies.cluster, resource: resource, namespace: namespace, name: name, baseline: baseline)
        }
    }

    private static func baseline(_ object: JSONValue, manifest: JSONValue) -> ChangeBaseline {
        ChangeBaseline(
            namespace: ManifestFacts.namespace(object), name: ManifestFacts.name(object), uid: ManifestFacts.uid(object),
            resourceVersion: ManifestFacts.resourceVersion(object), manifest: manifest)
    }

    private static func key(_ object: JSONValue) -> String { key(namespace: ManifestFacts.namespace(object), name: ManifestFacts.name(object)) }
    private static func key(namespace: String, name: String) -> String { namespace + "/" + name }
}
