import Foundation
import Logging

/// How a simulator listens, authenticates and behaves. Defaults suit tests: loopback, a free
/// port, plain HTTP, no authentication.
public struct SimulatorConfiguration: Sendable {
    /// Address to bind; keep it on loopback.
    public var host: String
    /// Port to bind; 0 picks a free one (read it back from `Simulator.baseURL`).
    public var port: Int
    /// Serve HTTPS with an in-process CA and server certificate (SANs 127.0.0.1, ::1, localhost).
    public var tls: Bool
    public var auth: AuthMode
    /// The user named in 403 messages and in a client certificate made by `kubeconfigYAML(user:)`.
    public var userName: String
    /// Number of write events kept for watches from an RV and exact lists; older RVs get 410.
    public var watchHistoryWindow: Int
    /// Events buffered per watch before the watch is closed as too slow.
    public var watchBufferSize: Int
    /// How long a continue token stays usable.
    public var continueTokenLifetime: Duration
    /// Period of BOOKMARK events for watches that ask for them.
    public var bookmarkInterval: Duration
    /// Watch duration when the request has no `timeoutSeconds` (the real server picks 30–60 min).
    public var defaultWatchTimeout: ClosedRange<Duration>
    /// `gitVersion` reported by `/version`, e.g. `v1.32.4`.
    public var version: String
    /// Also emit the legacy `reason: "Gone"` in too-old watch ERROR events (pre-1.18 servers).
    public var legacyGoneReason: Bool
    /// Behave like a 1.34+ server with the `WatchList` gate on: a watch with RV unset or "0" and
    /// no `sendInitialEvents` is treated as `sendInitialEvents=true` (PROTOCOL.md §4.7), so with
    /// bookmarks allowed its initial ADDED burst ends with the annotated bookmark.
    public var watchListByDefault: Bool
    /// Wall-clock time for timestamps (creationTimestamp, log lines, ages in tables).
    public var now: @Sendable () -> Date
    /// Clock for bookmarks, watch timeouts and stalls.
    public var clock: any Clock<Duration>
    public var logger: Logger

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: Bool = false,
        auth: AuthMode = .none,
        userName: String = "muninn",
        watchHistoryWindow: Int = 10_000,
        watchBufferSize: Int = 10_000,
        continueTokenLifetime: Duration = .seconds(300),
        bookmarkInterval: Duration = .seconds(60),
        defaultWatchTimeout: ClosedRange<Duration> = .seconds(1800) ... .seconds(3600),
        version: String = "v1.32.4",
        legacyGoneReason: Bool = false,
        watchListByDefault: Bool = false,
        now: @escaping @Sendable () -> Date = { Date() },
        clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "kubesim")
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.auth = auth
        self.userName = userName
        self.watchHistoryWindow = watchHistoryWindow
        self.watchBufferSize = watchBufferSize
        self.continueTokenLifetime = continueTokenLifetime
        self.bookmarkInterval = bookmarkInterval
        self.defaultWatchTimeout = defaultWatchTimeout
        self.version = version
        self.legacyGoneReason = legacyGoneReason
        self.watchListByDefault = watchListByDefault
        self.now = now
        self.clock = clock
        self.logger = logger
    }
}
