import MuninnTesting
import Foundation
import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite(.timeLimit(.minutes(1))) struct WatchTests {
    @Test func watchFromResourceVersionSendsOnlyLaterChanges() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("old"))
            let rv = simulator.currentResourceVersion
            var reader = try await client.watch("/api/v1/namespaces/default/pods?watch=true&resourceVersion=\(rv)")
            #expect(reader.status == 200)
            #expect(reader.headers.first(name: "Content-Type") == "application/json")
            #expect(reader.headers.first(name: "Transfer-Encoding") == "chunked")
            try simulator.create(.pods, namespace: "default", TestObjects.pod("new"))
            let event = try #require(try await reader.next())
            #expect(event["type"] == "ADDED")
            #expect(event[path: ["object", "metadata", "name"]] == "new")
            #expect(event[path: ["object", "kind"]] == "Pod")
            #expect(event[path: ["object", "apiVersion"]] == "v1")
            #expect(event[path: ["object", "metadata", "resourceVersion"]]?.stringValue == simulator.currentResourceVersion)
        }
    }

    @Test func watchWithoutResourceVersionStartsWithSyntheticAdded() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a"))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("b"))
            for query in ["watch=1", "watch=1&resourceVersion=0"] {
                var reader = try await client.watch("/api/v1/namespaces/default/pods?\(query)")
                var names: Set<String> = []
                for _ in 0..<2 {
                    let event = try #require(try await reader.next())
                    #expect(event["type"] == "ADDED")
                    names.insert(event[path: ["object", "metadata", "name"]]?.stringValue ?? "")
                }
                #expect(names == ["a", "b"])
            }
        }
    }

    @Test func bookmarksOnlyWhenAsked() async throws {
        let clock = ManualClock()
        try await withTestSimulator(SimulatorConfiguration(bookmarkInterval: .seconds(60), clock: clock)) { simulator, client in
            let rv = simulator.currentResourceVersion
            var plain = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(rv)&timeoutSeconds=300")
            var withBookmarks = try await client.watch(
                "/api/v1/pods?watch=1&resourceVersion=\(rv)&allowWatchBookmarks=true&timeoutSeconds=300")
            await clock.waitForSleepers(3)  // two timeouts and one bookmark timer
            clock.advance(by: .seconds(61))
            let bookmark = try #require(try await withBookmarks.next())
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark["object"] == ["kind": "Pod", "apiVersion": "v1", "metadata": ["resourceVersion": .string(rv)]])
            // The plain watch got no bookmark: its next event is the pod created now.
            try simulator.create(.pods, namespace: "default", TestObjects.pod("after"))
            #expect(try await plain.next()?["type"] == "ADDED")
            #expect(try await withBookmarks.next()?["type"] == "ADDED")
        }
    }

    @Test func sendInitialEventsEndsWithAnnotatedBookmark() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a"))
            let rv = simulator.currentResourceVersion
            var reader = try await client.watch(
                "/api/v1/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
            #expect(try await reader.next()?["type"] == "ADDED")
            let bookmark = try #require(try await reader.next())
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark[path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
            #expect(bookmark[path: ["object", "metadata", "resourceVersion"]]?.stringValue == rv)
            let invalid = try await client.get("/api/v1/pods?watch=1&sendInitialEvents=true")
            #expect(invalid.status == 422)
            #expect(try invalid.json()["message"]?.stringValue?.contains("sendInitialEvents requires setting resourceVersionMatch to NotOlderThan") == true)
        }
    }

    @Test func tooOldResourceVersionGivesErrorEvent() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a"))
            let old = simulator.currentResourceVersion
            try simulator.create(.pods, namespace: "default", TestObjects.pod("b"))
            simulator.compactHistory()
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(old)")
            #expect(reader.status == 200)
            let events = try await reader.drain()
            #expect(events == [[
                "type": "ERROR",
                "object": ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                           "message": .string("too old resource version: \(old) (\(simulator.currentResourceVersion))"),
                           "reason": "Expired", "code": 410],
            ]])
        }
    }

    @Test func historyWindowIsConfigurable() async throws {
        try await withTestSimulator(SimulatorConfiguration(watchHistoryWindow: 2)) { simulator, client in
            let start = simulator.currentResourceVersion
            for index in 0..<4 { try simulator.create(.pods, namespace: "default", TestObjects.pod("p\(index)")) }
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(start)")
            let events = try await reader.drain()
            #expect(events.first?["type"] == "ERROR")
            #expect(events.first?[path: ["object", "code"]] == 410)
        }
    }

    @Test func timeoutSecondsEndsTheStreamCleanly() async throws {
        let clock = ManualClock()
        try await withTestSimulator(SimulatorConfiguration(clock: clock)) { simulator, client in
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)&timeoutSeconds=5")
            await clock.waitForSleepers(1)
            clock.advance(by: .seconds(5))
            #expect(try await reader.drain().isEmpty)
            // The client sees the end of the stream before the server has finished the handler that counts it.
            while simulator.openWatchCount != 0 && !Task.isCancelled { await Task.yield() }
            #expect(simulator.openWatchCount == 0)
        }
    }

    @Test func selectorTransitionsProduceAddedAndDeleted() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("p", phase: "Pending"))
            var reader = try await client.watch(
                "/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)&fieldSelector=status.phase%3DRunning")
            try simulator.apply([.apply(.pods, try simulator.get(.pods, namespace: "default", name: "p").settingPhase("Running"))])
            let added = try #require(try await reader.next())
            #expect(added["type"] == "ADDED")
            try simulator.apply([.apply(.pods, try simulator.get(.pods, namespace: "default", name: "p").settingPhase("Failed"))])
            let deleted = try #require(try await reader.next())
            #expect(deleted["type"] == "DELETED")
            // The previous content with the RV of the write that made it stop matching.
            #expect(deleted[path: ["object", "status", "phase"]] == "Running")
            #expect(deleted[path: ["object", "metadata", "resourceVersion"]]?.stringValue == simulator.currentResourceVersion)
        }
    }

    @Test func deletedEventCarriesTheDeletionResourceVersion() async throws {
        try await withTestSimulator { simulator, client in
            let created = try simulator.create(.pods, namespace: "default", TestObjects.pod("gone"))
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            try simulator.delete(.pods, namespace: "default", name: "gone")
            let event = try #require(try await reader.next())
            #expect(event["type"] == "DELETED")
            let rv = event[path: ["object", "metadata", "resourceVersion"]]?.stringValue
            #expect(rv == simulator.currentResourceVersion)
            #expect(rv != created[path: ["metadata", "resourceVersion"]]?.stringValue)
        }
    }

    @Test func closeAllWatchesEndsStreamsCleanly() async throws {
        try await withTestSimulator { simulator, client in
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            while simulator.openWatchCount == 0 && !Task.isCancelled { await Task.yield() }
            simulator.closeAllWatches()
            #expect(try await reader.drain().isEmpty)
        }
    }

    @Test func cutMidEventTruncatesTheStream() async throws {
        try await withTestSimulator { simulator, client in
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            while simulator.openWatchCount == 0 && !Task.isCancelled { await Task.yield() }
            simulator.cutWatchesMidEvent()
            try simulator.create(.pods, namespace: "default", TestObjects.pod("cut"))
            await #expect(throws: (any Error).self) { _ = try await reader.drain() }
            #expect(!reader.received.isEmpty)
            #expect(!reader.received.contains(UInt8(ascii: "\n")))
        }
    }

    @Test func tableWatchSendsColumnsOnlyFirst() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a"))
            var reader = try await client.watch(
                "/api/v1/namespaces/default/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)",
                accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
            try simulator.create(.pods, namespace: "default", TestObjects.pod("b"))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("c"))
            let first = try #require(try await reader.next())
            let second = try #require(try await reader.next())
            #expect(first[path: ["object", "kind"]] == "Table")
            #expect(first[path: ["object", "columnDefinitions"]]?.arrayValue?.count == 9)
            #expect(second[path: ["object", "columnDefinitions"]]?.arrayValue?.isEmpty == true)
            #expect(second[path: ["object", "rows"]]?[0]?["cells"]?[0] == "c")
        }
    }
}

extension JSONValue {
    func settingPhase(_ phase: String) -> JSONValue {
        var copy = self
        copy[path: ["status", "phase"]] = .string(phase)
        return copy
    }
}

@Suite(.timeLimit(.minutes(1))) struct WatchFramingTests {
    @Test func eventsAreChunkedLinesAndACutLeavesNoTerminatingChunk() async throws {
        try await withSimulator { simulator in
            let connection = try RawConnection(port: simulator.boundPort ?? 0)
            connection.send("GET /api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion) HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\n")
            let head = await connection.read { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") }
            let headText = String(decoding: head.bytes, as: UTF8.self).lowercased()
            #expect(headText.hasPrefix("http/1.1 200"))
            #expect(headText.contains("transfer-encoding: chunked"))
            #expect(headText.contains("content-type: application/json"))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("whole"))
            let whole = await connection.read { String(decoding: $0, as: UTF8.self).contains("}\n\r\n") }
            #expect(String(decoding: whole.bytes, as: UTF8.self).contains(#"{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1","metadata":{"name":"whole""#))
            simulator.cutWatchesMidEvent()
            try simulator.create(.pods, namespace: "default", TestObjects.pod("cut"))
            let rest = await connection.read()
            #expect(rest.closedByPeer)
            let text = String(decoding: rest.bytes, as: UTF8.self)
            #expect(text.contains(#"{"type":"ADDED","object":{"#))
            #expect(!text.contains("\n\r\n"))  // the event never finished
            #expect(!text.hasSuffix("0\r\n\r\n"))  // and no terminating chunk
        }
    }

    @Test func cleanCloseSendsTheTerminatingChunk() async throws {
        try await withSimulator { simulator in
            let connection = try RawConnection(port: simulator.boundPort ?? 0)
            connection.send("GET /api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            _ = await connection.read { String(decoding: $0, as: UTF8.self).contains("\r\n\r\n") }
            while simulator.openWatchCount == 0 && !Task.isCancelled { await Task.yield() }
            simulator.closeAllWatches()
            let rest = await connection.read { String(decoding: $0, as: UTF8.self).hasSuffix("0\r\n\r\n") }
            #expect(String(decoding: rest.bytes, as: UTF8.self).hasSuffix("0\r\n\r\n"))
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct GracefulDeletionTests {
    @Test func podDeletionIsModifiedThenDeleted() async throws {
        try await withTestSimulator { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("bye"))
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            let response = try await client.request(.DELETE, "/api/v1/namespaces/default/pods/bye")
            #expect(response.status == 200)
            #expect(try response.json()[path: ["metadata", "deletionGracePeriodSeconds"]] == 30)
            let modified = try #require(try await reader.next())
            #expect(modified["type"] == "MODIFIED")
            #expect(modified[path: ["object", "metadata", "deletionTimestamp"]]?.stringValue != nil)
            let deleted = try #require(try await reader.next())
            #expect(deleted["type"] == "DELETED")
            #expect(deleted[path: ["object", "metadata", "deletionTimestamp"]]?.stringValue != nil)
        }
    }

    @Test func stalledWatchesResumeWhenTheStallEnds() async throws {
        let clock = ManualClock()
        try await withTestSimulator(SimulatorConfiguration(clock: clock)) { simulator, client in
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)&timeoutSeconds=600")
            await clock.waitForSleepers(1)  // the watch timeout
            simulator.stallWatches(for: .seconds(10))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("late"))
            await clock.waitForSleepers(2)  // the writer now sleeps out the stall
            clock.advance(by: .seconds(10))
            let event = try #require(try await reader.next())
            #expect(event[path: ["object", "metadata", "name"]] == "late")
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct FutureResourceVersionTests {
    @Test func watchFromAFutureRVWaitsForIt() async throws {
        try await withTestSimulator { simulator, client in
            let future = (Int64(simulator.currentResourceVersion) ?? 0) + 2
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(future)")
            try simulator.create(.pods, namespace: "default", TestObjects.pod("skipped-1"))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("skipped-2"))
            try simulator.create(.pods, namespace: "default", TestObjects.pod("seen"))
            let event = try #require(try await reader.next())
            #expect(event[path: ["object", "metadata", "name"]] == "seen")
        }
    }
}

@Suite(.timeLimit(.minutes(1))) struct WatchListDefaultTests {
    @Test func newerServersEndTheInitialBurstWithABookmark() async throws {
        try await withTestSimulator(SimulatorConfiguration(watchListByDefault: true)) { simulator, client in
            try simulator.create(.pods, namespace: "default", TestObjects.pod("a"))
            var reader = try await client.watch("/api/v1/pods?watch=1&allowWatchBookmarks=true")
            #expect(try await reader.next()?["type"] == "ADDED")
            let bookmark = try #require(try await reader.next())
            #expect(bookmark[path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
        }
    }
}
