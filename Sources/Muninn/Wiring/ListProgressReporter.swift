import Foundation
import KubeAPI
import Logging
import Synchronization

/// The progress line while a large cluster's list loads: a paginated list of 150,000 pods takes minutes, and a
/// silent process looks stuck. Logs every `everyPages` pages or every `interval`, whichever comes first, and a
/// closing line when the list completes; a list of one page (a small cluster) logs nothing.
final class ListProgressReporter: Sendable {
    private struct State {
        var startedAt: Date?
        var lastLine: Date?
        var linesLogged = 0
    }

    private let resource: String
    private let namespace: String?
    private let everyPages: Int
    private let interval: TimeInterval
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let state = Mutex(State())

    init(
        resource: String, namespace: String?, everyPages: Int = 10, interval: Duration = .seconds(5), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.resource = resource
        self.namespace = namespace
        self.everyPages = max(1, everyPages)
        self.interval = Double(interval.components.seconds) + Double(interval.components.attoseconds) / 1e18
        self.now = now
        self.logger = logger
    }

    /// Give it to `KubeClient.reflector(onListPage:)`.
    func record(_ progress: ListProgress) {
        let at = now()
        enum Line { case progress, done(seconds: Double), silent }
        let line = state.withLock { state -> Line in
            if progress.pages == 1 { state = State(startedAt: at, lastLine: at, linesLogged: 0) }
            if progress.isComplete {
                defer { state = State() }
                guard state.linesLogged > 0 else { return .silent }
                return .done(seconds: at.timeIntervalSince(state.startedAt ?? at))
            }
            let due = progress.pages.isMultiple(of: everyPages) || at.timeIntervalSince(state.lastLine ?? at) >= interval
            guard due else { return .silent }
            state.lastLine = at
            state.linesLogged += 1
            return .progress
        }
        var metadata: Logger.Metadata = ["resource": "\(resource)", "pages": "\(progress.pages)", "objects": "\(progress.objects)"]
        if let namespace { metadata["namespace"] = "\(namespace)" }
        switch line {
        case .progress:
            logger.info("initial list in progress", metadata: metadata)
        case .done(let seconds):
            metadata["seconds"] = "\(Int(seconds.rounded()))"
            logger.info("initial list complete", metadata: metadata)
        case .silent:
            break
        }
    }
}
