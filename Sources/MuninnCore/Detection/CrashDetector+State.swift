import KubeAPI

extension CrashDetector {
    /// The memory to persist, sorted by namespace and name (stable output for diffs and tests).
    public func exportState() -> DetectionState {
        DetectionState(pods: pods.sorted { $0.key < $1.key }.map { Self.podRecord(key: $0.key, memory: $0.value) })
    }

    static func podRecord(key: ObjectKey, memory: PodMemory) -> DetectionState.PodRecord {
        DetectionState.PodRecord(
            namespace: key.namespace, name: key.name, uid: memory.uid, notReadyReported: memory.notReadyReported,
            notReadyBaselined: memory.notReadyBaselined,
            failureReported: memory.failureReported, containers: memory.containers.map(Self.record))
    }

    private static func record(_ memory: ContainerMemory) -> DetectionState.ContainerRecord {
        DetectionState.ContainerRecord(
            list: listName(memory.group), name: memory.name, restartCount: memory.accountedRestarts,
            terminations: [memory.earlierTermination, memory.latestTermination].compactMap { $0.map(InstanceFingerprint.hex) },
            waiting: memory.waitingFamilies, waitingBaselined: memory.waitingBaselined)
    }

    /// Restored entries stay unconfirmed until the first list shows their pod. Unreadable entries (unknown
    /// list, bad fingerprint) are skipped rather than failing the restore: at worst one incident repeats.
    static func memories(from state: DetectionState) -> [ObjectKey: PodMemory] {
        var pods: [ObjectKey: PodMemory] = [:]
        for record in state.pods {
            var memory = PodMemory(uid: record.uid)
            memory.confirmed = false
            memory.notReadyReported = record.notReadyReported
            memory.notReadyBaselined = record.notReadyBaselined
            memory.failureReported = record.failureReported
            for container in record.containers {
                guard let group = group(named: container.list), memory.index(of: group, container.name) == nil else { continue }
                var restored = ContainerMemory(group: group, name: container.name)
                restored.accountedRestarts = max(0, container.restartCount)
                for fingerprint in container.terminations.compactMap(InstanceFingerprint.parse) {
                    restored.remember(fingerprint)
                }
                restored.waitingFamilies = Array(container.waiting.prefix(ContainerMemory.maximumWaitingFamilies))
                restored.waitingBaselined = container.waitingBaselined && !restored.waitingFamilies.isEmpty
                if !restored.isEmpty { memory.containers.append(restored) }
            }
            pods[ObjectKey(namespace: record.namespace, name: record.name)] = memory
        }
        return pods
    }

    private static func listName(_ group: ContainerMemory.Group) -> String {
        switch group {
        case .regular: "containers"
        case .`init`: "initContainers"
        case .ephemeral: "ephemeralContainers"
        }
    }

    private static func group(named list: String) -> ContainerMemory.Group? {
        switch list {
        case "containers": .regular
        case "initContainers": .`init`
        case "ephemeralContainers": .ephemeral
        default: nil
        }
    }
}

extension CrashDetector {
    /// True when some pod's saved record changed since the last `takeStateChanges()`.
    public var hasUnsavedChanges: Bool { !unsavedPods.isEmpty }

    /// The saved-state updates since the last call, sorted by namespace and name: persist them in the same
    /// transaction as the incidents returned meanwhile (`OutboxStore.commitDetection`), so memory and queue agree.
    public mutating func takeStateChanges() -> [PodStateUpdate] {
        defer { unsavedPods = [] }
        return unsavedPods.sorted().map { key in
            PodStateUpdate(namespace: key.namespace, name: key.name, record: savedRecord(key))
        }
    }

    /// What `exportState()` holds for one pod, or nil when nothing is remembered about it.
    func savedRecord(_ key: ObjectKey) -> DetectionState.PodRecord? {
        pods[key].map { Self.podRecord(key: key, memory: $0) }
    }

    mutating func noteChange(of key: ObjectKey, from before: DetectionState.PodRecord?) {
        if savedRecord(key) != before { unsavedPods.insert(key) }
    }
}
