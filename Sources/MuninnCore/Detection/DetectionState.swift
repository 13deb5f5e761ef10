/// The detector's memory as a small `Codable` snapshot, so a restart of Muninn neither repeats reported
/// incidents nor misses what happened while it was down.
///
/// Only pods with something remembered appear: per container the fingerprints of the last two failed termination
/// instances seen (16 hex digits, a stable FNV-1a hash of the instance key), the restart count they account for
/// and the open waiting episode; per pod whether a not-ready or failure incident was reported. Persist it only
/// after the incidents returned before the export are durably queued, or they can be lost.
public struct DetectionState: Codable, Sendable, Hashable {
    /// Bumped on incompatible changes; decoding another version fails with a clear error.
    public static let currentVersion = 1

    public var version: Int
    public var pods: [PodRecord]

    public init(pods: [PodRecord] = []) {
        self.version = Self.currentVersion
        self.pods = pods
    }

    private enum CodingKeys: String, CodingKey { case version, pods }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decode(Int.self, forKey: .version)
        guard version == Self.currentVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "detection state version \(version) is not supported (expected \(Self.currentVersion))")
        }
        pods = try container.decodeIfPresent([PodRecord].self, forKey: .pods) ?? []
    }

    /// One remembered pod.
    public struct PodRecord: Codable, Sendable, Hashable {
        public var namespace: String
        public var name: String
        public var uid: String
        public var notReadyReported: Bool
        /// The not-ready report was the first start's silent baseline (no recovery to announce).
        public var notReadyBaselined: Bool
        public var failureReported: Bool
        public var containers: [ContainerRecord]

        public init(
            namespace: String, name: String, uid: String, notReadyReported: Bool = false, notReadyBaselined: Bool = false,
            failureReported: Bool = false,
            containers: [ContainerRecord] = []
        ) {
            self.namespace = namespace
            self.name = name
            self.uid = uid
            self.notReadyReported = notReadyReported
            self.notReadyBaselined = notReadyBaselined
            self.failureReported = failureReported
            self.containers = containers
        }

        private enum CodingKeys: String, CodingKey { case namespace, name, uid, notReadyReported, notReadyBaselined, failureReported, containers }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            namespace = try container.decodeIfPresent(String.self, forKey: .namespace) ?? ""
            name = try container.decode(String.self, forKey: .name)
            uid = try container.decodeIfPresent(String.self, forKey: .uid) ?? ""
            notReadyReported = try container.decodeIfPresent(Bool.self, forKey: .notReadyReported) ?? false
            notReadyBaselined = try container.decodeIfPresent(Bool.self, forKey: .notReadyBaselined) ?? false
            failureReported = try container.decodeIfPresent(Bool.self, forKey: .failureReported) ?? false
            containers = try container.decodeIfPresent([ContainerRecord].self, forKey: .containers) ?? []
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(namespace, forKey: .namespace)
            try container.encode(name, forKey: .name)
            try container.encode(uid, forKey: .uid)
            if notReadyReported { try container.encode(true, forKey: .notReadyReported) }
            if notReadyBaselined { try container.encode(true, forKey: .notReadyBaselined) }
            if failureReported { try container.encode(true, forKey: .failureReported) }
            if !containers.isEmpty { try container.encode(containers, forKey: .containers) }
        }
    }

    /// One remembered container. `list` is `containers`, `initContainers` (init and sidecar) or `ephemeralContainers`.
    public struct ContainerRecord: Codable, Sendable, Hashable {
        public var list: String
        public var name: String
        public var restartCount: Int
        /// Fingerprints of the last termination instances seen, oldest first.
        public var terminations: [String]
        /// Reason families of the open waiting episode.
        public var waiting: [String]
        /// The open episode was the first start's silent baseline (no recovery to announce).
        public var waitingBaselined: Bool

        public init(
            list: String, name: String, restartCount: Int = 0, terminations: [String] = [], waiting: [String] = [],
            waitingBaselined: Bool = false
        ) {
            self.list = list
            self.name = name
            self.restartCount = restartCount
            self.terminations = terminations
            self.waiting = waiting
            self.waitingBaselined = waitingBaselined
        }

        private enum CodingKeys: String, CodingKey { case list, name, restartCount, terminations, waiting, waitingBaselined }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            list = try container.decodeIfPresent(String.self, forKey: .list) ?? "containers"
            name = try container.decode(String.self, forKey: .name)
            restartCount = try container.decodeIfPresent(Int.self, forKey: .restartCount) ?? 0
            terminations = try container.decodeIfPresent([String].self, forKey: .terminations) ?? []
            waiting = try container.decodeIfPresent([String].self, forKey: .waiting) ?? []
            waitingBaselined = try container.decodeIfPresent(Bool.self, forKey: .waitingBaselined) ?? false
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(list, forKey: .list)
            try container.encode(name, forKey: .name)
            if restartCount != 0 { try container.encode(restartCount, forKey: .restartCount) }
            if !terminations.isEmpty { try container.encode(terminations, forKey: .terminations) }
            if !waiting.isEmpty { try container.encode(waiting, forKey: .waiting) }
            if waitingBaselined { try container.encode(true, forKey: .waitingBaselined) }
        }
    }
}
