import KubeJSON
import KubeletModel
import NIOCore
import NIOHTTP1
import Testing
@testable import KubeSim

@Suite(.timeLimit(.minutes(1))) struct ApplyAndLogTests {
    private let current = "containerd://2222"
    private let previous = "containerd://1111"

    private func crashedPod(_ simulator: Simulator) throws -> JSONValue {
        var pod = TestObjects.pod("crasher", containers: ["app"])
        pod[path: ["metadata", "uid"]] = "00000000-0000-4000-8000-000000000001"
        pod[path: ["status", "containerStatuses"]] = [
            TestObjects.containerStatus("app", running: current, previous: previous, restartCount: 1),
        ]
        try simulator.apply([
            .apply(.pods, pod),
            .appendLog(namespace: "default", pod: "crasher", container: "app", containerID: previous,
                       text: "starting\npanic: boom\n"),
            .appendLog(namespace: "default", pod: "crasher", container: "app", containerID: current,
                       text: "line 1\nline 2\nline 3\n"),
        ])
        return pod
    }

    @Test func applyReachesARunningWatch() async throws {
        try await withTestSimulator { simulator, client in
            var reader = try await client.watch("/api/v1/pods?watch=1&resourceVersion=\(simulator.currentResourceVersion)")
            _ = try crashedPod(simulator)
            let added = try #require(try await reader.next())
            #expect(added["type"] == "ADDED")
            #expect(added[path: ["object", "metadata", "uid"]] == "00000000-0000-4000-8000-000000000001")
            try simulator.apply([.delete(.pods, namespace: "default", name: "crasher")])
            #expect(try await reader.next()?["type"] == "DELETED")
        }
    }

    @Test func currentAndPreviousLogs() async throws {
        try await withTestSimulator { simulator, client in
            _ = try crashedPod(simulator)
            let base = "/api/v1/namespaces/default/pods/crasher/log"
            let currentLog = try await client.get(base)
            #expect(currentLog.status == 200)
            #expect(currentLog.headers.first(name: "Content-Type") == "text/plain")
            #expect(currentLog.text == "line 1\nline 2\nline 3\n")
            #expect(try await client.get("\(base)?previous=true").text == "starting\npanic: boom\n")
            #expect(try await client.get("\(base)?tailLines=2").text == "line 2\nline 3\n")
            #expect(try await client.get("\(base)?limitBytes=9").text == "line 1\nli")
            let stamped = try await client.get("\(base)?timestamps=true&tailLines=1").text
            #expect(stamped.hasSuffix("Z line 3\n"))
            #expect(try await client.get("\(base)?tailLines=-1").status == 422)
        }
    }

    @Test func logErrorMessages() async throws {
        try await withTestSimulator { simulator, client in
            var pod = TestObjects.pod("multi", containers: ["app", "sidecar"])
            pod[path: ["status", "containerStatuses"]] = [
                TestObjects.containerStatus("app", running: nil, waitingReason: "ImagePullBackOff"),
                TestObjects.containerStatus("sidecar", running: nil, waitingReason: "ContainerCreating"),
            ]
            try simulator.apply([.apply(.pods, pod)])
            func message(_ query: String) async throws -> String? {
                let response = try await client.get("/api/v1/namespaces/default/pods/multi/log\(query)")
                #expect(response.status == 400)
                return try response.json()["message"]?.stringValue
            }
            #expect(try await message("") == "a container name must be specified for pod multi, choose one of: [app sidecar]")
            #expect(try await message("?container=nope") == "container nope is not valid for pod multi")
            #expect(try await message("?container=app") == "container \"app\" in pod \"multi\" is waiting to start: trying and failing to pull image")
            #expect(try await message("?container=sidecar") == "container \"sidecar\" in pod \"multi\" is waiting to start: ContainerCreating")
            #expect(try await message("?container=app&previous=true") == "previous terminated container \"app\" in pod \"multi\" not found")
            #expect(try await client.get("/api/v1/namespaces/default/pods/none/log").status == 404)
        }
    }

    @Test func followStreamsUntilTheContainerStops() async throws {
        try await withTestSimulator { simulator, client in
            var pod = try crashedPod(simulator)
            var reader = try await client.watch("/api/v1/namespaces/default/pods/crasher/log?follow=true&tailLines=1")
            var received: [UInt8] = []
            while !String(decoding: received, as: UTF8.self).hasSuffix("line 3\n") {
                guard let part = try await reader.iterator.next() else { break }
                received.append(contentsOf: part.readableBytesView)
            }
            try simulator.apply([.appendLog(namespace: "default", pod: "crasher", container: "app", containerID: current, text: "line 4\n")])
            while !String(decoding: received, as: UTF8.self).hasSuffix("line 4\n") {
                guard let part = try await reader.iterator.next() else { break }
                received.append(contentsOf: part.readableBytesView)
            }
            #expect(String(decoding: received, as: UTF8.self) == "line 3\nline 4\n")
            pod[path: ["status", "containerStatuses"]] = [
                TestObjects.containerStatus("app", running: nil, previous: current, waitingReason: "CrashLoopBackOff", restartCount: 2),
            ]
            try simulator.apply([.apply(.pods, pod)])
            while let part = try await reader.iterator.next() { received.append(contentsOf: part.readableBytesView) }
            #expect(String(decoding: received, as: UTF8.self) == "line 3\nline 4\n")
        }
    }
}
