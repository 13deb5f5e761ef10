import Foundation
import Hummingbird
import NIOCore

extension ResourceRequestHandler {
    /// WATCH (PROTOCOL.md §4): HTTP 200, chunked `application/json`, one event per line, flushed
    /// per event; a too-old RV yields one ERROR event; bookmarks, sendInitialEvents, timeouts.
    func watch(
        _ definition: ResourceDefinition, path: APIRoute.ResourcePath, query: QueryParameters, format: ResponseFormat,
        context: SimRequestContext
    ) throws(APIStatus) -> Response {
        try ListOptionsParser.validateMatch(query, isWatch: true)
        let selectors = try ListOptionsParser.selectors(definition, query: query, pathName: path.name, simulator: simulator)
        let requestedRV = try ListOptionsParser.resourceVersion(query["resourceVersion"])
        let rvText = query["resourceVersion"] ?? ""
        let sendInitialEvents = query.bool("sendInitialEvents")
            || (simulator.configuration.watchListByDefault && !query.has("sendInitialEvents") && (rvText.isEmpty || rvText == "0"))
        let allowBookmarks = query.bool("allowWatchBookmarks")
        let configuration = simulator.configuration
        let timeout: Duration
        if let seconds = query["timeoutSeconds"].flatMap({ Int64($0) }), seconds > 0 {
            timeout = .seconds(min(seconds, 366 * 86_400))  // far beyond any real use; keeps clock math in range
        } else {
            let range = configuration.defaultWatchTimeout
            let spread = (range.upperBound - range.lowerBound).seconds
            timeout = range.lowerBound + .milliseconds(Int64(Double.random(in: 0...max(spread, 0)) * 1000))
        }
        let from = sendInitialEvents ? nil : requestedRV
        let opening = simulator.store.watch(
            definition.storageKey, namespace: path.namespace, labelSelector: selectors.labels,
            fieldSelector: selectors.fields, from: from)
        let headers = HTTPReply.headers(contentType: "application/json")
        guard case .opened(let opened) = opening else {
            guard case .tooOld(let requested, let oldest) = opening else { return HTTPReply.pageNotFound }
            var status = APIStatus.expired("too old resource version: \(requested) (\(oldest))")
            if configuration.legacyGoneReason { status = .gone(status.message) }
            let line = WatchEventEncoder.error(status)
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                try await writer.write(ByteBuffer(bytes: line))
                try await writer.finish(nil)
            })
        }
        let simulator = self.simulator
        let tableVersion: String? = if case .table(let version) = format { version } else { nil }
        let clock = configuration.clock
        let bookmarkInterval = configuration.bookmarkInterval
        let continuation = opened.continuation
        let control = opened.control
        context.channel.closeFuture.whenComplete { _ in
            control.update { $0.abort = true }
            continuation.yield(.wake)
        }
        let body = ResponseBody { writer in
            defer { simulator.store.removeWatcher(opened.storage, id: opened.id) }
            var encoder = WatchEventEncoder(simulator: simulator, definition: definition, tableVersion: tableVersion)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await clock.sleep(for: timeout)
                    control.update { $0.close = true }
                    continuation.yield(.wake)
                }
                if allowBookmarks {
                    group.addTask {
                        while true {
                            try await clock.sleep(for: bookmarkInterval)
                            simulator.store.queueBookmark(opened.storage, id: opened.id)
                        }
                    }
                }
                defer { group.cancelAll() }
                func write(_ bytes: [UInt8], pending: WatchControl.Pending) async throws {
                    if pending.cutNextEvent {
                        let cut = max(1, bytes.count / 2)
                        try await writer.write(ByteBuffer(bytes: bytes[..<cut]))
                        throw WatchStreamInterrupted()
                    }
                    try await writer.write(ByteBuffer(bytes: bytes))
                }
                for (type, object) in opened.initialEvents {
                    let pending = control.take()
                    if pending.abort { throw WatchStreamInterrupted() }
                    if pending.close { return }
                    try await write(encoder.event(type, object), pending: pending)
                }
                if sendInitialEvents, allowBookmarks {
                    let rv = max(opened.initialResourceVersion, requestedRV ?? 0)
                    try await write(encoder.bookmark(rv, initialEventsEnd: true), pending: control.take())
                }
                for await signal in opened.stream {
                    let pending = control.take()
                    if pending.abort { throw WatchStreamInterrupted() }
                    if pending.close { return }
                    if let stall = pending.stall { try await clock.sleep(for: stall) }
                    switch signal {
                    case .wake:
                        continue
                    case .bookmark(let rv):
                        if allowBookmarks { try await write(encoder.bookmark(rv, initialEventsEnd: false), pending: pending) }
                    case .event(let type, let object):
                        try await write(encoder.event(type, object), pending: pending)
                    }
                }
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }
}
